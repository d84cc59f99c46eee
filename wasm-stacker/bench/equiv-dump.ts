// Dumps combineBand and analyse outputs of a given kernel build on the real M 94 frames, so that two
// builds can be compared byte for byte: npx tsx wasm-stacker/bench/equiv-dump.ts KERNEL.wasm OUT.bin
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readRawImage } from '../../src/lib/fits/image';
import { createKernel } from '../../src/lib/stacking/kernel';
import type { Affine, BandFrame } from '../../src/lib/stacking/types';

const DIR = new URL('../../../shared/data/seestar/M94_set2_20250327/', import.meta.url);
const [wasmPath, outPath] = process.argv.slice(2);
const kernel = await createKernel(readFileSync(wasmPath));
const frames = readdirSync(DIR).filter((f) => f.endsWith('.fit')).sort().map((f) => readRawImage(new Uint8Array(readFileSync(new URL(f, DIR)))));
const parts: Buffer[] = [];
const analyses = frames.map((raw) => kernel.analyse({ ...raw, y0: 0, rows: raw.height }));
parts.push(Buffer.from(JSON.stringify(analyses.map((a) => ({ ...a, timings: {} })))));
const { width, height } = frames[0];
for (const n of [1, 2, 3, 6, 9, 16, 17, 31, 33, 40, 64, 65, 90]) {
	const band: BandFrame[] = Array.from({ length: n }, (_, i) => {
		const k = i % frames.length;
		const t = (i - n / 2) * 0.002;
		return {
			pixels: { ...frames[k], y0: 0, rows: height },
			refToFrame: [Math.cos(t), -Math.sin(t), 0.37 * i - 3, Math.sin(t), Math.cos(t), -0.61 * i + 2] as Affine,
			scale: [1, 1.01, 0.99], offset: analyses[k].background, target: analyses[0].background,
			weight: 1 + (i % 3) / 7, noise: analyses[k].noise
		};
	});
	for (const method of ['auto', 'mean', 'median', 'clip'] as const) {
		const r = kernel.combineBand(1700, 37, width, band, { method });
		for (const a of [r.r, r.g, r.b, r.coverage]) parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
		parts.push(Buffer.from(String(r.rejected)));
	}
}
writeFileSync(outPath, Buffer.concat(parts));
