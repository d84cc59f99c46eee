/**
 * MariaDB being away (down, restarting, out of connections) is not a bug in the request: it is
 * answered 503 with Retry-After, so clients and runners try again instead of giving up.
 */

/** mysql2 and Node socket codes that mean "no database right now", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'PROTOCOL_CONNECTION_LOST',
	'PROTOCOL_SEQUENCE_TIMEOUT',
	'ER_CON_COUNT_ERROR',
	'ER_TOO_MANY_USER_CONNECTIONS',
	'ER_SERVER_SHUTDOWN',
	'ER_CONNECTION_KILLED'
]);

export const DATABASE_UNAVAILABLE_MESSAGE = 'CrowdSky cannot reach its database right now; please try again in a minute.';
/** Seconds a client should wait before asking again. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

/** Whether `error`, or anything it wraps (drizzle's `cause`, Node's AggregateError), is the database being away. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (typeof error !== 'object' || error === null || depth > 8) return false;
	const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
	if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
	if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
	return isDatabaseUnavailable(cause, depth + 1);
}
