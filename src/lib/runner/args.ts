/** A command line the runner cannot run; the message says what is wrong and what is expected. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export interface StackArgs {
	inputs: string[];
	out: string;
	report?: string;
	threads?: number;
}

export const STACK_USAGE = 'usage: node runner.js stack <files or dirs...> --out stack.fits [--report report.json] [--threads N]';

/** Arguments of `stack`: positional inputs, `--out`, `--report`, `--threads` (also as --name=value). */
export function parseStackArgs(argv: string[]): StackArgs {
	const inputs: string[] = [];
	const flags = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) {
			inputs.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
		if (!['out', 'report', 'threads'].includes(name)) throw new UsageError(`unknown option --${name}\n${STACK_USAGE}`);
		const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
		if (value === undefined || value === '') throw new UsageError(`--${name} needs a value\n${STACK_USAGE}`);
		flags.set(name, value);
	}
	if (inputs.length === 0) throw new UsageError(`no input files or folders given\n${STACK_USAGE}`);
	const out = flags.get('out');
	if (!out) throw new UsageError(`--out is required: where to write the stacked FITS\n${STACK_USAGE}`);
	const threadsText = flags.get('threads');
	const threads = threadsText === undefined ? undefined : Number(threadsText);
	if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
		throw new UsageError(`--threads must be a positive integer, got "${threadsText}"`);
	return { inputs, out, report: flags.get('report'), threads };
}

export interface SolveArgs {
	files: string[];
	inPlace: boolean;
}

export const SOLVE_USAGE = 'usage: node runner.js solve <files...> [--in-place]';

/** Arguments of `solve`: the FITS files, and `--in-place` to update them instead of writing a copy beside each. */
export function parseSolveArgs(argv: string[]): SolveArgs {
	const files: string[] = [];
	let inPlace = false;
	for (const arg of argv) {
		if (arg === '--in-place') inPlace = true;
		else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}\n${SOLVE_USAGE}`);
		else files.push(arg);
	}
	if (files.length === 0) throw new UsageError(`no FITS files given\n${SOLVE_USAGE}`);
	return { files, inPlace };
}

export const SAMPLE_USAGE = 'usage: node runner.js sample <dir> [--count N]';

/** Enough for the stack's rejection to show (a trail, a clouded frame) and quick to stack on two cores. */
const DEFAULT_COUNT = 8;
const MAX_COUNT = 500;

/** Arguments of `sample`: the directory to write to and `--count` (also as --count=N). */
export function parseSampleArgs(argv: string[]): { dir: string; count: number } {
	const dirs: string[] = [];
	let countText: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--count') countText = argv[++i];
		else if (arg.startsWith('--count=')) countText = arg.slice('--count='.length);
		else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}\n${SAMPLE_USAGE}`);
		else dirs.push(arg);
	}
	if (dirs.length !== 1) throw new UsageError(`give one directory to write the frames to\n${SAMPLE_USAGE}`);
	const count = countText === undefined ? DEFAULT_COUNT : Number(countText);
	if (!(Number.isInteger(count) && count >= 2 && count <= MAX_COUNT)) {
		throw new UsageError(`--count must be an integer from 2 to ${MAX_COUNT}, got "${countText}"`);
	}
	return { dir: dirs[0], count };
}
