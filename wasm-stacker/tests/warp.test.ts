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

	it.each([
		{ name: 'a sub-pixel shift', t: [1, 0, 0.37, 0, 1, -1.62] },
		{ name: 'a small rotation', t: [Math.cos(0.02), -Math.sin(0.02), 0.6, Math.sin(0.02), Math.cos(0.02), -0.9] },
		{ name: 'rotation by 0.5 rad and scale 1.3', t: [1.3 * Math.cos(0.5), -1.3 * Math.sin(0.5), 12.2, 1.3 * Math.sin(0.5), 1.3 * Math.cos(0.5), -20.7] }
	])('$name: every pixel equals the plain per-pixel statement in f32, bit for bit', async ({ t }) => {
		const heap = await rawKernel();
		const imgs = [0, 1, 2].map((c) => Float32Array.from({ length: W * H }, (_, i) => smooth(i % W, Math.floor(i / W)) + 100 * c + ((i * 7919) % 13)));
		const planes = imgs.map((img) => heap.f32(img));
		const [ow, oy0, rows] = [W + 3, 2, 41]; // a width that is not a multiple of 4
		const plane = ow * rows;
		const dst = heap.alloc(3 * plane * 4);
		const [off, sc, tg] = [[1000, 1100, 1200], [2, 1, 0.5], [10, 20, 30]].map((v) => v.map(Math.fround));
		heap.x.warp(planes[0], planes[1], planes[2], W, H, 0, H, dst, plane, ow, oy0, rows, ...t, ...off, ...sc, ...tg);
		const out = heap.readF32(dst, 3 * plane);
		const want = warpRef(imgs, W, H, ow, oy0, rows, t, off, sc, tg);
		expect(Buffer.from(out.buffer).equals(Buffer.from(want.buffer))).toBe(true);
		expect(want.some(Number.isNaN) && want.some((v) => !Number.isNaN(v))).toBe(true);
	});
});

/** The warp rule pixel by pixel, every f32 operation rounded as the kernel's: Catmull-Rom weights by
 * Horner, taps clamped to the frame, rows weighted first, then the columns ((c0 + c1) + (c2 + c3)). */
function warpRef(imgs: Float32Array[], sw: number, sh: number, ow: number, oy0: number, rows: number, t: number[], off: number[], sc: number[], tg: number[]): Float32Array {
	const f = Math.fround;
	const coef = [[-0.5, 1, -0.5, 0], [1.5, -2.5, 0, 1], [-1.5, 2, 0.5, 0], [0.5, -0.5, 0, 0]];
	const weights = (u: number) => coef.map(([a, b, c, d]) => f(f(f(f(f(f(a * u) + b) * u) + c) * u) + d));
	const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
	const out = new Float32Array(3 * ow * rows);
	for (let j = 0; j < rows; j++) {
		const y = oy0 + j;
		for (let x = 0; x < ow; x++) {
			const sx = t[0] * x + (t[1] * y + t[2]);
			const sy = t[3] * x + (t[4] * y + t[5]);
			const inside = sx >= 0 && sx <= sw - 1 && sy >= 0 && sy <= sh - 1;
			const [ix, iy] = [Math.floor(sx), Math.floor(sy)];
			const [wx, wy] = [weights(f(sx - ix)), weights(f(sy - iy))];
			for (let c = 0; c < 3; c++) {
				const at = (r: number, k: number) => imgs[c][clamp(iy - 1 + r, sh) * sw + clamp(ix - 1 + k, sw)];
				const col = [0, 1, 2, 3].map((k) => f(f(f(f(f(at(0, k) * wy[0]) + f(at(1, k) * wy[1])) + f(at(2, k) * wy[2])) + f(at(3, k) * wy[3])) * wx[k]));
				const v = f(f(col[0] + col[1]) + f(col[2] + col[3]));
				out[c * ow * rows + j * ow + x] = inside ? f(f(f(v - off[c]) * sc[c]) + tg[c]) : NaN;
			}
		}
	}
	return out;
}
