// Siril 1.0.6 as the peer: the script from STACK-NOTES (debayer, register, winsorized rejection,
// additive+scale normalisation), frames linked in as light_NNNNN.fit, HOME in a scratch folder.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, tail, type Measured } from './measure';

export const SIRIL = '/usr/bin/siril-cli';

const SCRIPT = `requires 1.0.0
setext fit
set32bits
cd lights
convert light -out=../process
cd ../process
preprocess light -debayer
register pp_light -minpairs=4
stack r_pp_light rej w 3 3 -norm=addscale -output_norm -out=../result
close
`;

export interface SirilRun extends Measured {
	/** The stacked FITS (32-bit float RGB cube). */
	result: Uint8Array;
	workDir: string;
}

export function sirilAvailable(): boolean {
	return existsSync(SIRIL);
}

/** Stacks `files` with siril-cli in a fresh work folder under `scratch`. */
export async function runSiril(files: string[], scratch: string): Promise<SirilRun> {
	const workDir = await mkdtemp(join(scratch, 'siril-'));
	const lights = join(workDir, 'lights');
	await mkdir(lights);
	await Promise.all(files.map((f, i) => symlink(f, join(lights, `light_${String(i + 1).padStart(5, '0')}.fit`))));
	await writeFile(join(workDir, 'stack.ssf'), SCRIPT);
	const home = join(workDir, 'home');
	await mkdir(home);
	const run = await measure(SIRIL, ['-d', workDir, '-s', join(workDir, 'stack.ssf')], { env: { ...process.env, HOME: home } });
	const out = join(workDir, 'result.fit');
	if (run.code !== 0 || !existsSync(out)) {
		throw new Error(`siril-cli exited with ${run.code} and no result.fit:\n${tail(run.stdout + run.stderr)}`);
	}
	return { ...run, result: new Uint8Array(await readFile(out)), workDir };
}
