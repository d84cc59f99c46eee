import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeToFloat32, readRawImage } from '../../src/lib/fits/image';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { rawKernel } from './wasm';

const DIR = new URL('../../../shared/data/seestar/M94_set2_20250327/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.fit')).sort();

/** Header end: the 2880-byte block holding the END card. */
function dataOffset(bytes: Uint8Array): number {
	for (let block = 0; block * 2880 < bytes.length; block++) {
		for (let card = 0; card < 36; card++) {
			const at = block * 2880 + card * 80;
			if (String.fromCharCode(...bytes.subarray(at, at + 8)) === 'END     ') return (block + 1) * 2880;
		}
	}
	throw new Error('no END card');
}

describe('real Seestar frames (M 94)', () => {
	it('has six frames to read', () => expect(files).toHaveLength(6));

	it.each(files)('%s: 20+ stars, plausible FWHM, positive sky and noise', async (file) => {
		const kernel = await loadKernel();
		const bytes = new Uint8Array(readFileSync(new URL(file, DIR)));
		const start = dataOffset(bytes);
		const a = kernel.analyse({ data: bytes.subarray(start), y0: 0, rows: 1920, width: 1080, height: 1920, bitpix: 16, bzero: 32768, bscale: 1, bayer: 'GRBG' });
		expect(a.stars.length).toBeGreaterThanOrEqual(20);
		const fwhm = a.stars.map((s) => s.fwhm).sort((x, y) => x - y)[a.stars.length >> 1];
		expect(fwhm).toBeGreaterThan(2);
		expect(fwhm).toBeLessThan(6);
		for (const s of a.stars) {
			expect(s.x).toBeGreaterThan(0);
			expect(s.x).toBeLessThan(1079);
			expect(s.y).toBeGreaterThan(0);
			expect(s.y).toBeLessThan(1919);
		}
		for (let c = 0; c < 3; c++) {
			expect(a.background[c]).toBeGreaterThan(0);
			expect(a.noise[c]).toBeGreaterThan(0);
			expect(a.noise[c]).toBeLessThan(a.background[c]);
		}
		expect(a.hotPixels).toBeGreaterThan(0);
		expect(a.hotPixels).toBeLessThan(0.001 * 1080 * 1920);
		expect(Object.keys(a.timings)).toEqual(['decode', 'cosmetic', 'demosaic', 'background', 'stars']);
	});

	it('decodes a real frame exactly as the reference decoder does', async () => {
		const heap = await rawKernel();
		const raw = readRawImage(new Uint8Array(readFileSync(new URL(files[0], DIR))));
		const n = raw.width * raw.height;
		const dst = heap.alloc(n * 4);
		heap.x.decode(heap.bytes(raw.data), dst, n, raw.bitpix, raw.bzero, raw.bscale);
		expect(Buffer.from(heap.readF32(dst, n).buffer).equals(Buffer.from(decodeToFloat32(raw).buffer))).toBe(true);
	});

	it('finds the same stars in consecutive frames (a shift of a few pixels)', async () => {
		const kernel = await loadKernel();
		const [a, b] = files.slice(0, 2).map((file) => {
			const raw = readRawImage(new Uint8Array(readFileSync(new URL(file, DIR))));
			return kernel.analyse({ ...raw, y0: 0, rows: raw.height });
		});
		const shifts = a.stars.slice(0, 20).flatMap((s) => {
			const near = b.stars.filter((t) => Math.hypot(t.x - s.x, t.y - s.y) < 5);
			return near.length === 1 ? [[near[0].x - s.x, near[0].y - s.y]] : [];
		});
		expect(shifts.length).toBeGreaterThanOrEqual(15);
		const med = (v: number[]) => v.sort((x, y) => x - y)[v.length >> 1];
		const [dx, dy] = [med(shifts.map((s) => s[0])), med(shifts.map((s) => s[1]))];
		// the same offset for all matched stars: the centroids agree to a small fraction of a pixel
		const scatter = shifts.map((s) => Math.hypot(s[0] - dx, s[1] - dy)).sort((x, y) => x - y);
		expect(scatter[scatter.length >> 1]).toBeLessThan(0.15);
	});
});
