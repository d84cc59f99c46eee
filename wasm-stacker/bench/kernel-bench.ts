// Kernel benchmark on the real M 94 frames: ms per analyse stage and for combineBand of 6 full frames.
// Run: npx tsx wasm-stacker/bench/kernel-bench.ts   (prints figures; asserts nothing)
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { readRawImage } from '../../src/lib/fits/image';
import type { Affine, BandFrame, FrameAnalysis } from '../../src/lib/stacking/kernel';
import { loadKernel } from '../../src/lib/stacking/kernel-node';

const DIR = new URL('../../../shared/data/seestar/M94_set2_20250327/', import.meta.url);
const ROUNDS = 5;

const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
const kernel = await loadKernel();
const frames = readdirSync(DIR).filter((f) => f.endsWith('.fit')).sort().map((f) => readRawImage(new Uint8Array(readFileSync(new URL(f, DIR)))));

const stages: Record<string, number[]> = {};
const analyses: FrameAnalysis[] = [];
for (let round = 0; round < ROUNDS; round++) {
	for (const raw of frames) {
		const a = kernel.analyse({ ...raw, y0: 0, rows: raw.height });
		if (round === 0) analyses.push(a);
		for (const [k, v] of Object.entries(a.timings)) (stages[k] ??= []).push(v);
	}
}
const perStage = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
const analyseMs = Object.values(perStage).reduce((a, b) => a + b, 0);

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
const combineMs: number[] = [];
for (let round = 0; round < 3; round++) {
	const t = performance.now();
	kernel.combineBand(0, height, width, bandFrames);
	combineMs.push(performance.now() - t);
}
const combine = median(combineMs);
const fmt = (v: number) => v.toFixed(1);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}`);
console.log(`analyse ${width}x${height} GRBG, median of ${ROUNDS * frames.length}: ${Object.entries(perStage).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} ms; total ${fmt(analyseMs)} ms`);
console.log(`combineBand 6 frames full frame: ${fmt(combine)} ms (${fmt(combine / frames.length)} ms per frame); stars found ${analyses.map((a) => a.stars.length).join(' ')}`);
console.log(`per frame (analyse + its share of warp/combine): ${fmt(analyseMs + combine / frames.length)} ms; kernel memory ${(kernel.memoryBytes() / 2 ** 20).toFixed(0)} MiB`);
