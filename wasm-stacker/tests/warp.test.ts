import { describe, expect, it } from 'vitest';
import { rawKernel } from './wasm';

const W = 64;
const H = 48;
/** A smooth test image: wavelength 16 px, so bicubic interpolation is accurate to a fraction of a percent. */
const smooth = (x: number, y: number) => 1000 + 300 * Math.sin((2 * Math.PI * x) / 16) * Math.cos((2 * Math.PI * y) / 21) + 2 * x;

describe('warp (Catmull-Rom bicubic)', () => {
	it('a sub-pixel shift of a smooth image matches the analytic values, with normalisation and NaN outside', async () => {
		const heap = await rawKernel();
		const planes = [0, 1, 2].map((c) => {
			const img = new Float32Array(W * H);
			for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) img[y * W + x] = smooth(x, y) + 100 * c;
			return heap.f32(img);
		});
		const [dx, dy] = [0.37, -1.62];
		const oy0 = 3;
		const rows = 40;
		const plane = rows * W;
		const dst = heap.alloc(3 * plane * 4);
		const offset = [1000, 1100, 1200];
		const scale = [2, 1, 0.5];
		const target = [10, 20, 30];
		heap.x.warp(planes[0], planes[1], planes[2], W, H, 0, H, dst, plane, W, oy0, rows, 1, 0, dx, 0, 1, dy, ...offset, ...scale, ...target);
		const out = heap.readF32(dst, 3 * plane);
		let worst = 0;
		let outside = 0;
		for (let j = 0; j < rows; j++) {
			for (let x = 0; x < W; x++) {
				const [sx, sy] = [x + dx, oy0 + j + dy];
				const covered = sx >= 0 && sx <= W - 1 && sy >= 0 && sy <= H - 1;
				for (let c = 0; c < 3; c++) {
					const v = out[c * plane + j * W + x];
					if (!covered) {
						expect(v).toBeNaN();
						outside++;
						continue;
					}
					const want = (smooth(sx, sy) + 100 * c - offset[c]) * scale[c] + target[c];
					// away from the edges, where the taps are not clamped
					if (sx >= 1 && sx <= W - 3 && sy >= 1 && sy <= H - 3) worst = Math.max(worst, Math.abs(v - want) / scale[c]);
				}
			}
		}
		expect(outside).toBeGreaterThan(0);
		expect(worst).toBeLessThan(0.01 * 300); // under 1 % of the amplitude
		expect(worst).toBeGreaterThan(0); // it did interpolate
	});

	it('the identity copies the pixels exactly, and rows held from sy0 on are addressed by frame row', async () => {
		const heap = await rawKernel();
		const img = Float32Array.from({ length: W * H }, (_, i) => (i * 7919) % 1000);
		const sy0 = 10;
		const srows = 20;
		const held = heap.f32(img.slice(sy0 * W, (sy0 + srows) * W));
		const rows = 10;
		const dst = heap.alloc(3 * rows * W * 4);
		heap.x.warp(held, held, held, W, srows, sy0, H, dst, rows * W, W, 15, rows, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0);
		expect(heap.readF32(dst, rows * W)).toEqual(img.slice(15 * W, 25 * W));
	});
});
