// Kernel benchmark on the real M 94 frames: ms per analyse stage and per combineBand stage (6 full frames).
// Run: npx tsx wasm-stacker/bench/kernel-bench.ts [rounds]   (prints min and median; asserts nothing)
// The machine is shared, so the minimum is the figure to compare; the median shows the load.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { readRawImage } from '../../src/lib/fits/image';
import type { Kernel } from '../../src/lib/stacking/kernel';
import type { Affine, BandFrame, FrameAnalysis } from '../../src/lib/stacking/types';
import { loadKernel } from '../../src/lib/stacking/kernel/node';

const DIR = new URL('../../../shared/data/seestar/M94_set2_20250327/', import.meta.url);
const ROUNDS = Number(process.argv[2] ?? 6);

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const median = (v: number[]) => sorted(v)[v.length >> 1];
const min = (v: number[]) => sorted(v)[0];
const fmt = (v: number) => v.toFixed(1);
const both = (v: number[]) => `${fmt(min(v))} / ${fmt(median(v))}`;

/** Wraps the kernel's exports so that every call adds its time to `spent[name]` (bench only);
 * returns the function that unwraps them. */
function timeExports(kernel: Kernel, spent: Record<string, number>): () => void {
	const k = kernel as unknown as { x: Record<string, unknown> };
	const inner = k.x;
	const timed: Record<string, unknown> = {};
	for (const [name, v] of Object.entries(inner)) {
		timed[name] = typeof v !== 'function' || name === 'heapBase' || name === 'combineScratchBytes' ? v : (...args: number[]) => {
			const t = performance.now();
			const r = (v as (...a: number[]) => number)(...args);
			spent[name] = (spent[name] ?? 0) + performance.now() - t;
			return r;
		};
	}
	k.x = timed;
	return () => {
		k.x = inner;
	};
}

const kernel = await loadKernel();
const frames = readdirSync(DIR).filter((f) => f.endsWith('.fit')).sort().map((f) => readRawImage(new Uint8Array(readFileSync(new URL(f, DIR)))));

const stages: Record<string, number[]> = {};
const exportsMs: Record<string, number[]> = {};
const totals: number[] = [];
const analyses: FrameAnalysis[] = [];
for (let round = 0; round < ROUNDS; round++) {
	for (const raw of frames) {
		// odd rounds time every export call inside analyse (the wrapper's own stage timings include the copies)
		const spent: Record<string, number> = {};
		const restore = round % 2 ? timeExports(kernel, spent) : () => {};
		const a = kernel.analyse({ ...raw, y0: 0, rows: raw.height });
		restore();
		if (round === 0) analyses.push(a);
		for (const [k, v] of Object.entries(spent)) (exportsMs[k] ??= []).push(v);
		if (round % 2) continue;
		for (const [k, v] of Object.entries(a.timings)) (stages[k] ??= []).push(v);
		totals.push(Object.values(a.timings).reduce((s, v) => s + v, 0));
	}
}

const { width, height } = frames[0];
const bandFrames: BandFrame[] = frames.map((raw, i) => ({
	pixels: { ...raw, y0: 0, rows: raw.height },
	refToFrame: [1, 0.001 * i, 0.37 * i, -0.001 * i, 1, -0.61 * i] as Affine,
	scale: [1, 1, 1],
	offset: analyses[i].background,
	target: analyses[0].background,
	weight: 1,
	noise: analyses[i].noise
}));
const bandStages: Record<string, number[]> = {};
const bandTotals: number[] = [];
for (let round = 0; round < Math.max(3, ROUNDS >> 1); round++) {
	const spent: Record<string, number> = {};
	const restore = timeExports(kernel, spent);
	const t = performance.now();
	kernel.combineBand(0, height, width, bandFrames);
	bandTotals.push(performance.now() - t);
	for (const [k, v] of Object.entries(spent)) (bandStages[k] ??= []).push(v / frames.length);
	restore();
}
const perFrame = bandTotals.map((v) => v / frames.length);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, load ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
console.log(`analyse ${width}x${height} GRBG, ms min / median of ${totals.length}:`);
for (const [k, v] of Object.entries(stages)) console.log(`  ${k.padEnd(11)} ${both(v)}`);
console.log(`  ${'total'.padEnd(11)} ${both(totals)}   stars ${analyses.map((a) => a.stars.length).join(' ')}`);
console.log(`  exports inside analyse: ${Object.entries(exportsMs).map(([k, v]) => `${k} ${both(v)}`).join(', ')}`);
console.log(`combineBand, 6 full frames in one band, ms per frame min / median of ${bandTotals.length}:`);
for (const [k, v] of Object.entries(bandStages)) console.log(`  ${k.padEnd(11)} ${both(v)}`);
console.log(`  ${'total'.padEnd(11)} ${both(perFrame)}`);
console.log(`per frame (analyse + its share of combineBand), min: ${fmt(min(totals) + min(perFrame))} ms; kernel memory ${(kernel.memoryBytes() / 2 ** 20).toFixed(0)} MiB`);
