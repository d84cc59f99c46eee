import type { Point } from '../../../src/lib/stacking/match';
import type { Frame } from '../synthetic/measure';
import { median } from '../synthetic/measure';

/**
 * A deliberately plain star finder for tests (the kernel has the real one): bin the CFA into 2×2
 * superpixels, threshold at 5σ over the median, keep 3×3 local maxima, moment centroid over 5×5
 * superpixels, drop single-pixel spikes (hot pixels) and elongated blobs (trail pieces). Positions in full-resolution pixels.
 */
export function detectStars(f: Frame, max = 200): Point[] {
	const { width, height } = f.raw;
	const w = width >> 1;
	const h = height >> 1;
	const bin = new Float32Array(w * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = 2 * y * width + 2 * x;
			bin[y * w + x] = f.pixels[i] + f.pixels[i + 1] + f.pixels[i + width] + f.pixels[i + width + 1];
		}
	}
	const sample = Array.from({ length: Math.floor(bin.length / 5) }, (_, k) => bin[k * 5]);
	const bg = median(sample);
	const sigma = 1.4826 * median(sample.map((v) => Math.abs(v - bg)));
	const stars: Point[] = [];
	for (let y = 2; y < h - 2; y++) {
		for (let x = 2; x < w - 2; x++) {
			const v = bin[y * w + x];
			if (v < bg + 5 * sigma) continue;
			let peak = true;
			let ring = 0;
			for (let dy = -1; dy <= 1; dy++) {
				for (let dx = -1; dx <= 1; dx++) {
					if (!dx && !dy) continue;
					if (bin[(y + dy) * w + x + dx] > v) peak = false;
					ring += bin[(y + dy) * w + x + dx] - bg;
				}
			}
			// A star spreads into its neighbours (about 1.8× its peak for FWHM 3 px); a hot pixel does not.
			if (!peak || ring < 0.5 * (v - bg)) continue;
			let s = 0;
			let sx = 0;
			let sy = 0;
			let sxx = 0;
			let syy = 0;
			let sxy = 0;
			for (let dy = -2; dy <= 2; dy++) {
				for (let dx = -2; dx <= 2; dx++) {
					const q = Math.max(0, bin[(y + dy) * w + x + dx] - bg);
					s += q;
					sx += q * dx;
					sy += q * dy;
					sxx += q * dx * dx;
					syy += q * dy * dy;
					sxy += q * dx * dy;
				}
			}
			const mx = sx / s;
			const my = sy / s;
			const a = sxx / s - mx * mx;
			const c = syy / s - my * my;
			const b = sxy / s - mx * my;
			const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
			if ((a + c) / 2 + root > 2.5 * ((a + c) / 2 - root)) continue;
			stars.push({ x: 2 * (x + mx) + 0.5, y: 2 * (y + my) + 0.5, flux: s });
		}
	}
	return stars.sort((p, q) => (q.flux as number) - (p.flux as number)).slice(0, max);
}
