import { UsageError, SAMPLE_USAGE, SOLVE_USAGE, STACK_USAGE } from './args';
import type { Io } from './stack-command';
import { WORK_USAGE } from './work-args';
import { errorMessage } from '../util/error-message';

const USAGE = `CrowdSky runner

  ${STACK_USAGE.replace('usage: ', '')}
      Stack FITS frames locally (folders are expanded to their .fit/.fits files, sorted by name)
      and plate-solve the stack against the checkout's star catalogue (static/catalog).
      --out      the stacked FITS to write
      --report   also write the JSON report (frames aligned or rejected with reasons, timings)
      --threads  worker threads (default: the number of cores)

  ${WORK_USAGE.replace('usage: ', '')}
      Work for a CrowdSky server: claim a job, download its frames, stack them, return the stack,
      repeat. One line per job on stdout. SIGTERM or Ctrl-C gives the job in hand back and exits 0.
      --server       the CrowdSky server, e.g. https://crowdsky.example
      --token        a personal API token from your account page (or set CROWDSKY_TOKEN)
      --concurrency  worker threads (default: the number of cores)
      --once         do one job (or none if there is none) and exit: for cron

  ${SOLVE_USAGE.replace('usage: ', '')}
      Plate-solve FITS files (CrowdSky stacks, raw Seestar frames, stacks made on a telescope)
      against the Tycho-2 tiles of this checkout (static/catalog, no download) and write the WCS,
      PLTSOLVD and the match quality into the primary header: into a copy beside each file,
      NAME.solved.fits, or into the file itself with --in-place. One line per file; exit code 1
      when any file did not solve.

  ${SAMPLE_USAGE.replace('usage: ', '')}
      Write N (default 8) synthetic Seestar frames of the M 94 field, with the checkout's catalogue
      stars, a satellite trail, hot pixels and a clouded frame, to try \`stack\` without frames of your own.
`;

type Command = (argv: string[], io: Io) => Promise<number>;

/** Subcommands by name, each loaded when run: a `stack` then starts without the daemon's and the solver's modules. */
const COMMANDS: Record<string, () => Promise<Command>> = {
	stack: async () => (await import('./stack-command')).stackCommand,
	work: async () => (await import('./work-command')).workCommand,
	solve: async () => (await import('./solve-command')).solveCommand,
	sample: async () => (await import('./sample-command')).sampleCommand
};

/** The runner's command line. Returns the process exit code: 0 ok, 1 nothing stacked / not solved / failed, 2 bad usage. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
	// The daemon is the default: `node runner.js --server URL --token T` means `work`.
	if (argv[0]?.startsWith('--') && !['--help', '-h'].includes(argv[0])) argv = ['work', ...argv];
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(USAGE);
		return name === undefined ? 2 : 0;
	}
	const load = COMMANDS[name];
	if (!load) {
		io.stderr.write(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n\n${USAGE}`);
		return 2;
	}
	try {
		return await (await load())(rest, io);
	} catch (err) {
		if (err instanceof UsageError) {
			io.stderr.write(`${err.message}\n`);
			return 2;
		}
		io.stderr.write(`error: ${errorMessage(err)}\n`);
		return 1;
	}
}
