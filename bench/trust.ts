// `npm run bench -- --only trust`: what the server's spot check of an untrusted result costs, as a
// share of the stack's own compute, for a new volunteer (everything recomputed) and an established
// one (the floor), on the real M 94 frames and a synthetic 30-frame set. CPU time of the whole
// process (the verifier's worker_thread included), one kernel thread on each side.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskCatalogSource } from '../src/lib/catalog/disk-source';
import { decodeToFloat32, readHdus, readImageHdu } from '../src/lib/fits';
import { loadKernel } from '../src/lib/stacking/kernel/node';
import { createLocalPool } from '../src/lib/stacking/pool/local-pool';
import { bytesSource } from '../src/lib/stacking/sources';
import { stackFrames } from '../src/lib/stacking/stack-frames';
import { stackBandHashes } from '../src/lib/stacking/verify-bands';
import { CHECK_FLOOR } from '../src/lib/server/trust/sampling';
import { closeVerifyPool } from '../src/lib/server/verify/kernel-pool';
import { spotCheck } from '../src/lib/server/verify/spot-check';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';

const M94 = new URL('../../shared/data/seestar/M94_set2_20250327/', import.meta.url).pathname;

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

async function frames(dir: string) {
	const names = (await readdir(dir)).filter((f) => f.endsWith('.fit')).sort();
	return Promise.all(names.map(async (name) => bytesSource(name, new Uint8Array(await readFile(join(dir, name))))));
}

export async function runTrustBench(opts: { cache: string; log: (line: string) => void }): Promise<string> {
	const sets = [
		{ label: 'M 94 (real, 6)', dir: M94 },
		{ label: 'synthetic 30', dir: syntheticSet(opts.cache, 30, opts.log).dir }
	];
	const rows: string[][] = [];
	try {
		for (const set of sets) {
			const sources = await frames(set.dir);
			opts.log(`trust: ${set.label}: stacking with one kernel thread ...`);
			const pool = createLocalPool(loadKernel());
			const before = process.cpuUsage();
			// Solved as a worker solves it, against the catalogue the server's check uses.
			const { fits, report } = await stackFrames(sources, pool, { threads: 1, catalog: diskCatalogSource('static/catalog') });
			const stackMs = cpuMs(before);
			await pool.close();
			const bands = await stackBandHashes(fits);
			const hdus = readHdus(fits);
			const plane = (name: string) => decodeToFloat32(readImageHdu(fits, hdus.find((h) => h.header.string('EXTNAME') === name)!));
			const planes = { r: plane('RED'), g: plane('GREEN'), b: plane('BLUE') };
			const input = { sources, stack: fits, report, bands, planes, width: report.width, height: report.height };
			// The first check starts the verifier's worker and compiles the kernel: not part of a check.
			await spotCheck({ ...input, share: CHECK_FLOOR });
			for (const [who, share] of [['new volunteer', 1], ['established', CHECK_FLOOR]] as const) {
				opts.log(`trust: ${set.label}: spot check, ${who} ...`);
				const start = process.cpuUsage();
				await stackBandHashes(fits); // the server's check of the worker's band hashes
				const checked = await spotCheck({ ...input, share });
				const ms = cpuMs(start);
				rows.push([set.label, who, `${checked.checkedFrames}/${sources.length}`, `${checked.checkedBands}/${bands.length}`, fixed(stackMs / 1000, 2), fixed(ms / 1000, 2), `${fixed((100 * ms) / stackMs, 0)} %`]);
			}
		}
	} finally {
		await closeVerifyPool();
	}
	return [
		'Spot check of one untrusted result: server CPU (process, verifier thread included) against the stack\'s own CPU, one kernel thread each',
		formatTable(['set', 'submitter', 'frames re-analysed', 'bands recombined', 'stack CPU s', 'check CPU s', 'check / stack'], rows, 2)
	].join('\n');
}
