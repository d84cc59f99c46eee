import { UsageError } from './args';

export interface WorkArgs {
	server: string;
	token: string;
	concurrency?: number;
	once: boolean;
}

export const WORK_USAGE = 'usage: node runner.js [work] --server URL --token T [--concurrency N] [--once]';

/** Arguments of `work`: `--server`, `--token` (or CROWDSKY_TOKEN), `--concurrency`, `--once` (also as --name=value). */
export function parseWorkArgs(argv: string[], env: Record<string, string | undefined> = {}): WorkArgs {
	const flags = new Map<string, string>();
	let once = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"\n${WORK_USAGE}`);
		const eq = arg.indexOf('=');
		const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
		if (name === 'once' && eq < 0) {
			once = true;
			continue;
		}
		if (!['server', 'token', 'concurrency'].includes(name)) throw new UsageError(`unknown option --${name}\n${WORK_USAGE}`);
		const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
		if (value === undefined || value === '') throw new UsageError(`--${name} needs a value\n${WORK_USAGE}`);
		flags.set(name, value);
	}
	const server = flags.get('server');
	if (!server) throw new UsageError(`--server is required: the CrowdSky server's address, e.g. https://crowdsky.example\n${WORK_USAGE}`);
	let url: URL;
	try {
		url = new URL(server);
	} catch {
		throw new UsageError(`--server "${server}" is not a URL; expected http://… or https://…`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new UsageError(`--server "${server}" uses ${url.protocol}; supported: http:, https:`);
	const token = flags.get('token') ?? env.CROWDSKY_TOKEN;
	if (!token) throw new UsageError(`--token is required (or CROWDSKY_TOKEN): an API token from your account page\n${WORK_USAGE}`);
	const text = flags.get('concurrency');
	const concurrency = text === undefined ? undefined : Number(text);
	if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1))
		throw new UsageError(`--concurrency must be a positive integer, got "${text}"`);
	return { server: url.origin + url.pathname.replace(/\/+$/, ''), token, concurrency, once };
}
