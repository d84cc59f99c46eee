/**
 * The server's one log: one line per entry on stdout, `LOG_FORMAT=text` (the default, logfmt:
 * `2026-03-27T01:20:32.000Z info request method=GET route=/stacks/[id] status=200 ms=12 user=5`)
 * or `LOG_FORMAT=json` (one JSON object per line, for log collectors). Requests, job transitions,
 * errors and sweeps all write through `log`. Plain JS so scripts/serve.js can import it.
 *
 * Callers pass route ids (`/s/[token]`), never URLs, and never tokens or cookies: nothing here
 * can tell a secret from a value, so nothing secret may reach it.
 */

export const LOG_FORMATS = /** @type {const} */ (['text', 'json']);

/** @typedef {'info' | 'warn' | 'error'} Level */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Fields */

/** LOG_FORMAT, checked: an unknown value is an operator's typo, refused when the server starts. */
export function logFormat(env = process.env) {
	const format = env.LOG_FORMAT || 'text';
	if (!(/** @type {readonly string[]} */ (LOG_FORMATS).includes(format))) {
		throw new Error(`LOG_FORMAT is "${format}": use ${LOG_FORMATS.join(' or ')}`);
	}
	return /** @type {(typeof LOG_FORMATS)[number]} */ (format);
}

/** A logfmt value: bare when it can be, else JSON-quoted (which also escapes newlines: one line). */
function textValue(/** @type {string | number | boolean | null} */ value) {
	const text = String(value);
	return /^[^\s"=\\]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * One entry as one line (no newline at the end). Undefined fields are left out.
 * @param {{ time: string, level: Level, event: string } & Fields} entry
 * @param {(typeof LOG_FORMATS)[number]} format
 */
export function formatEntry(entry, format) {
	const present = Object.entries(entry).filter(([, value]) => value !== undefined);
	if (format === 'json') return JSON.stringify(Object.fromEntries(present));
	const { time, level, event } = entry;
	const rest = present.filter(([key]) => key !== 'time' && key !== 'level' && key !== 'event');
	return [time, level, event, ...rest.map(([key, value]) => `${key}=${textValue(/** @type {string | number | boolean | null} */ (value))}`)].join(' ');
}

/**
 * Writes one entry now.
 * @param {Level} level
 * @param {string} event what happened, one word: `request`, `job`, `error`, `listening`, `sweep`...
 * @param {Fields} [fields]
 */
export function log(level, event, fields = {}) {
	const line = formatEntry({ time: new Date().toISOString(), level, event, ...fields }, logFormat());
	process.stdout.write(`${line}\n`);
}

/**
 * An error's fields: `error` (name and message) and `code` of its innermost cause — a failed
 * query's driver error, not drizzle's wrapper, whose message repeats the SQL and its parameters —
 * and the stack where it was thrown (frames joined by ` | `: still one line).
 * @param {unknown} error
 * @returns {Fields}
 */
export function errorFields(error) {
	if (!(error instanceof Error)) return { error: String(error) };
	let root = error;
	while (root.cause instanceof Error) root = root.cause;
	const code = /** @type {{ code?: unknown }} */ (root).code;
	return {
		error: `${root.name}: ${root.message}`,
		code: typeof code === 'string' ? code : undefined,
		stack: error.stack?.split('\n').slice(1).map((line) => line.trim()).join(' | ') || undefined
	};
}
