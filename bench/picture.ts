// `npm run bench -- --only picture`: what making a stack's picture adds at intake — the picture
// itself (src/lib/picture), its 16-bit PNG and the gallery's thumbnail made from it — against the
// stack's own compute, on the real sets (both targets, both nights) and the synthetic sets of --frames (default 30 and 90: a 15-minute chunk). CPU time of this process, one kernel
// thread for the stack; the picture is made 3 times and the median kept, the machine being shared.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeToFloat32, readHdus, readImageHdu } from '../src/lib/fits';
import { makePicture, type PictureInput } from '../src/lib/picture';
import { thumbnailPng } from '../src/lib/server/intake/thumbnail';
import { picturePng } from '../src/lib/server/stacks/picture-png';
import { loadKernel } from '../src/lib/stacking/kernel/node';
import { createLocalPool } from '../src/lib/stacking/pool/local-pool';
import { bytesSource } from '../src/lib/stacking/sources';
import { stackFrames } from '../src/lib/stacking/stack-frames';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';

const SEESTAR = new URL('../../shared/data/seestar/', import.meta.url).pathname;
/** The goal: the picture under this share of the stack's compute. */
const GOAL = 0.05;
const RUNS = 3;

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

async function frames(dir: string, match: string) {
	const names = (await readdir(dir)).filter((f) => f.endsWith('.fit') && f.includes(match)).sort();
	return Promise.all(names.map(async (name) => bytesSource(name, new Uint8Array(await readFile(join(dir, name))))));
}

function pictureInput(fits: Uint8Array): PictureInput {
	const hdus = readHdus(fits);
	const byName = new Map(hdus.map((h) => [h.header.string('EXTNAME') ?? 'PRIMARY', h]));
	const plane = (name: string) => decodeToFloat32(readImageHdu(fits, byName.get(name)!, name));
	const red = byName.get('RED')!.header;
	return {
		width: red.number('NAXIS1')!,
		height: red.number('NAXIS2')!,
		r: plane('RED'),
		g: plane('GREEN'),
		b: plane('BLUE'),
		footprint: plane('FOOTPRINT'),
		nimages: hdus[0].header.number('NIMAGES')!
	};
}

function medianOf(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[(s.length - 1) >> 1];
}

export async function runPictureBench(opts: { cache: string; frames: number[]; log: (line: string) => void }): Promise<string> {
	const sets = [
		{ label: 'M 94 (real)', dir: join(SEESTAR, 'M94_set2_20250327'), match: '' },
		{ label: 'NGC 7023 2024 (real)', dir: join(SEESTAR, 'NGC7023'), match: '_2024' },
		{ label: 'NGC 7023 2025 (real)', dir: join(SEESTAR, 'NGC7023'), match: '_2025' },
		...opts.frames.map((n) => ({ label: `synthetic ${n}`, dir: syntheticSet(opts.cache, n, opts.log).dir, match: '' }))
	];
	const rows: string[][] = [];
	for (const set of sets) {
		const sources = await frames(set.dir, set.match);
		opts.log(`picture: ${set.label}: stacking with one kernel thread ...`);
		const pool = createLocalPool(loadKernel());
		const before = process.cpuUsage();
		const { fits } = await stackFrames(sources, pool, { threads: 1 });
		const stackMs = cpuMs(before);
		await pool.close();
		const input = pictureInput(fits);
		opts.log(`picture: ${set.label}: picture x ${RUNS} ...`);
		const pictureMs: number[] = [];
		const pngMs: number[] = [];
		const thumbnailMs: number[] = [];
		let size = '';
		let bytes = 0;
		for (let run = 0; run < RUNS; run++) {
			const start = process.cpuUsage();
			const picture = makePicture(input);
			pictureMs.push(cpuMs(start));
			const encode = process.cpuUsage();
			bytes = picturePng(picture).length;
			pngMs.push(cpuMs(encode));
			const small = process.cpuUsage();
			thumbnailPng(picture);
			thumbnailMs.push(cpuMs(small));
			size = `${picture.width} x ${picture.height}`;
		}
		const picture = medianOf(pictureMs);
		const png = medianOf(pngMs);
		const thumbnail = medianOf(thumbnailMs);
		rows.push([
			set.label,
			String(sources.length),
			size,
			fixed(stackMs / 1000, 2),
			fixed(picture / 1000, 2),
			fixed(png / 1000, 2),
			(bytes / 2 ** 20).toFixed(1),
			fixed(thumbnail / 1000, 2),
			`${fixed((100 * picture) / stackMs, 1)} %`,
			`${fixed((100 * (picture + png + thumbnail)) / stackMs, 1)} %`
		]);
	}
	return [
		`The picture step at intake: CPU of this process, median of ${RUNS}, against the stack's own CPU (one kernel thread); goal under ${100 * GOAL} % of the stack`,
		formatTable(['set', 'frames', 'picture px', 'stack CPU s', 'picture CPU s', 'PNG CPU s', 'PNG MB', 'thumbnail CPU s', 'picture / stack', 'all three / stack'], rows, 1)
	].join('\n');
}
