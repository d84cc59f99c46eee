// Star FWHM per channel of a stacked RGB FITS, by an independent measurer (bench/fwhm.py: scipy
// Gaussian fits of isolated, unsaturated stars), and `--only fwhm`: ours beside Siril 1.0.6 on the
// real M 94 (6) and NGC 7023 2024 (4) frames and a synthetic set with the generator's truth.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TRACKING_ELONGATION } from '../tests/synthetic/model';
import type { SyntheticSet } from '../tests/synthetic';
import { runNode } from './node-run';
import { runSiril, sirilAvailable } from './siril';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./fwhm.py', import.meta.url).pathname;
const SEESTAR = new URL('../../shared/data/seestar/', import.meta.url).pathname;
/** Frames in the synthetic set of `--only fwhm`: a small chunk, as the interpolating path serves. */
const SYNTHETIC_FRAMES = 8;

type Rgb = [number, number, number];

export interface FwhmMeasure {
	/** ″ per px from the header (CD matrix, CDELT, or FOCALLEN and XPIXSZ); null when none. */
	scale: number | null;
	/** Stars fitted in every channel. */
	stars: number;
	/** Median FWHM per channel, px. */
	fwhm: Rgb;
	/** After the first file: this FWHM / the first's per channel, median over the stars both measured. */
	paired?: { stars: number; ratio: Rgb };
}

/** The measures of each FITS file, in order. */
export async function measureFwhm(files: string[]): Promise<FwhmMeasure[]> {
	const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, ...files], { maxBuffer: 1 << 20 });
	return stdout.trim().split('\n').map((line) => {
		const m = JSON.parse(line) as { scale: number | null; stars: number; fwhm: (number | null)[]; paired?: { stars: number; ratio: (number | null)[] } };
		const rgb = (v: (number | null)[]) => v.map((x) => x ?? NaN) as Rgb;
		return { scale: m.scale, stars: m.stars, fwhm: rgb(m.fwhm), paired: m.paired && { stars: m.paired.stars, ratio: rgb(m.paired.ratio) } };
	});
}

/** Measures two stacks' bytes (written to a scratch folder for the measurer). */
export async function measureStacks(stacks: Uint8Array[]): Promise<FwhmMeasure[]> {
	const dir = await mkdtemp(join(tmpdir(), 'crowdsky-fwhm-'));
	try {
		const files = await Promise.all(stacks.map(async (bytes, i) => {
			const f = join(dir, `stack-${i}.fits`);
			await writeFile(f, bytes);
			return f;
		}));
		return await measureFwhm(files);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** The generator's FWHM of a set: median over its unclouded frames of √(fwhm_x · fwhm_y), px. */
export function truthFwhm(set: SyntheticSet): number {
	const v = set.frames.filter((f) => !f.clouded).map((f) => f.fwhm * Math.sqrt(TRACKING_ELONGATION)).sort((a, b) => a - b);
	const k = v.length >> 1;
	return v.length % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
}

export interface FwhmRow {
	label: string;
	ours: FwhmMeasure;
	siril?: FwhmMeasure;
	truth?: number;
}

/** One row per stack: FWHM R / G / B in px and in ″, and Siril / ours per channel. */
export function fwhmTable(rows: FwhmRow[]): string {
	const rgb = (v: number[], digits: number) => v.map((x) => fixed(x, digits)).join(' / ');
	const arcsec = (m: FwhmMeasure) => (m.scale ? rgb(m.fwhm.map((f) => f * m.scale!), 2) : '-');
	const lines: string[][] = [];
	for (const r of rows) {
		const truth = r.truth === undefined ? '-' : fixed(r.truth, 2);
		lines.push([r.label, 'ours', String(r.ours.stars), rgb(r.ours.fwhm, 2), arcsec(r.ours), truth, '-', '-']);
		if (r.siril) {
			const ratio = rgb(r.siril.fwhm.map((f, c) => f / r.ours.fwhm[c]), 3);
			const paired = r.siril.paired ? `${rgb(r.siril.paired.ratio, 3)} (${r.siril.paired.stars})` : '-';
			lines.push([r.label, 'Siril 1.0.6', String(r.siril.stars), rgb(r.siril.fwhm, 2), arcsec(r.siril), truth, ratio, paired]);
		}
	}
	return [
		'Star FWHM per channel R / G / B (bench/fwhm.py: Gaussian fits of isolated, unsaturated stars; median over stars)',
		formatTable(['set', 'stack', 'stars', 'FWHM px', 'FWHM ″', 'truth px', 'Siril / ours', 'same stars (n)'], lines, 2),
		'  truth: the generator\'s median √(FWHM_x · FWHM_y) over unclouded frames, before pixel integration; Siril / ours > 1: ours sharper;',
		'  same stars: median over the stars measured in both stacks of Siril\'s FWHM / ours.'
	].join('\n');
}

async function fitsIn(dir: string, match: (name: string) => boolean): Promise<string[]> {
	return (await readdir(dir)).filter((f) => f.endsWith('.fit') && match(f)).sort().map((f) => join(dir, f));
}

/** Siril's stack of `files`, kept in `cache` (its result does not change while ours is iterated on). */
async function sirilStack(files: string[], cache: string, scratch: string, log: (line: string) => void): Promise<Uint8Array> {
	const key = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
	const file = join(cache, `siril-${key}.fits`);
	if (existsSync(file)) return new Uint8Array(await readFile(file));
	log(`Siril 1.0.6 on ${files.length} frames ...`);
	const siril = await runSiril(files, scratch);
	await mkdir(cache, { recursive: true });
	await writeFile(file, siril.result);
	await rm(siril.workDir, { recursive: true, force: true });
	return siril.result;
}

/** `npm run bench -- --only fwhm`: ours (Node, 2 threads) and Siril on three small sets. */
export async function runFwhmBench(opts: { cache: string; log: (line: string) => void }): Promise<string> {
	const synthetic = syntheticSet(opts.cache, SYNTHETIC_FRAMES, opts.log);
	const sets: { label: string; files: string[]; truth?: SyntheticSet }[] = [
		{ label: 'M 94 (real, 6)', files: await fitsIn(join(SEESTAR, 'M94_set2_20250327'), () => true) },
		{ label: 'NGC 7023 2024 (real, 4)', files: await fitsIn(join(SEESTAR, 'NGC7023'), (f) => f.includes('_2024')) },
		{ label: `synthetic ${SYNTHETIC_FRAMES}`, files: await fitsIn(synthetic.dir, () => true), truth: synthetic }
	];
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-fwhm-'));
	try {
		const rows: FwhmRow[] = [];
		for (const set of sets) {
			opts.log(`${set.label}: ours ...`);
			const ours = await runNode(set.files, 2, scratch);
			const stacks = [ours.fits];
			if (sirilAvailable()) stacks.push(await sirilStack(set.files, opts.cache, scratch, opts.log));
			const [o, s] = await measureStacks(stacks);
			rows.push({ label: set.label, ours: o, siril: s, truth: set.truth && truthFwhm(set.truth) });
		}
		return fwhmTable(rows);
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}
