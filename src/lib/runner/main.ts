import { UsageError, STACK_USAGE } from './args';
import { stackCommand, type Io } from './stack-command';

const USAGE = `CrowdSky runner

  ${STACK_USAGE.replace('usage: ', '')}
      Stack FITS frames locally (folders are expanded to their .fit/.fits files, sorted by name).
      --out      the stacked FITS to write
      --report   also write the JSON report (frames aligned or rejected with reasons, timings)
      --threads  worker threads (default: the number of cores)
`;

/** Subcommands by name; the server job loop joins them later. */
const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = { stack: stackCommand };

/** The runner's command line. Returns the process exit code: 0 ok, 1 nothing stacked / failed, 2 bad usage. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(USAGE);
		return name === undefined ? 2 : 0;
	}
	const command = COMMANDS[name];
	if (!command) {
		io.stderr.write(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n\n${USAGE}`);
		return 2;
	}
	try {
		return await command(rest, io);
	} catch (err) {
		if (err instanceof UsageError) {
			io.stderr.write(`${err.message}\n`);
			return 2;
		}
		io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
		return 1;
	}
}
