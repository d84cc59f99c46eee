import { describe, expect, it } from 'vitest';
import {
	AlignError,
	applyAffine,
	composeAffine,
	fitAffine,
	fitSimilarity,
	invertAffine,
	type Affine
} from '../../../src/lib/stacking/match';
import { Rng } from '../../synthetic/rng';
import { mapPoints, randomStars, similarity } from './point-fields';

function expectClose(got: Affine, want: Affine, tol: number): void {
	got.forEach((v, k) => expect(Math.abs(v - want[k]), `coefficient ${k}: ${v} vs ${want[k]}`).toBeLessThan(tol));
}

describe('least-squares fits', () => {
	it('recovers an exact affine (shear, unequal scales) from 30 points far from the origin', () => {
		const rng = new Rng(1);
		const t: Affine = [1.013, -0.021, 412.5, 0.034, 0.987, -233.25];
		const src = randomStars(rng, 30);
		expectClose(fitAffine(src, mapPoints(t, src)), t, 1e-9);
	});

	it('recovers an exact similarity, including a 180° rotation and a scale', () => {
		const rng = new Rng(2);
		for (const t of [similarity(37, 300, -120, 1.2), similarity(180, -50, 75)]) {
			const src = randomStars(rng, 12);
			expectClose(fitSimilarity(src, mapPoints(t, src)), t, 1e-9);
		}
	});

	it('fits an affine exactly through 3 points', () => {
		const src = [
			{ x: 0, y: 0 },
			{ x: 10, y: 0 },
			{ x: 0, y: 10 }
		];
		const dst = [
			{ x: 5, y: 7 },
			{ x: 25, y: 8 },
			{ x: 4, y: 37 }
		];
		expectClose(fitAffine(src, dst), [2, -0.1, 5, 0.1, 3, 7], 1e-12);
	});

	it('gives the least-squares answer on noisy points: the mean shift', () => {
		// A pure shift with residuals that sum to zero: the fit must be the shift itself.
		const src = [
			{ x: 0, y: 0 },
			{ x: 100, y: 0 },
			{ x: 0, y: 100 },
			{ x: 100, y: 100 }
		];
		const noise = [0.5, -0.5, -0.5, 0.5];
		const dst = src.map((p, k) => ({ x: p.x + 10 + noise[k], y: p.y - 20 }));
		const t = fitSimilarity(src, dst);
		expect(applyAffine(t, 50, 50)[0]).toBeCloseTo(60, 12);
		expect(applyAffine(t, 50, 50)[1]).toBeCloseTo(30, 12);
	});

	it('never fits a mirror as a similarity', () => {
		const rng = new Rng(3);
		const src = randomStars(rng, 20);
		const mirrored = src.map((p) => ({ x: -p.x, y: p.y }));
		const t = fitSimilarity(src, mirrored);
		expect(t[0] * t[4] - t[1] * t[3]).toBeGreaterThanOrEqual(0);
		// ...while the affine fit reproduces it exactly.
		expectClose(fitAffine(src, mirrored), [-1, 0, 0, 0, 1, 0], 1e-9);
	});

	it('refuses collinear points for an affine and mismatched lists', () => {
		const line = [0, 1, 2, 3].map((k) => ({ x: k, y: 2 * k }));
		expect(() => fitAffine(line, line)).toThrow(AlignError);
		expect(() => fitAffine(line.slice(0, 2), line.slice(0, 2))).toThrow(/at least 3/);
		expect(() => fitSimilarity([{ x: 1, y: 1 }], [{ x: 2, y: 2 }])).toThrow(/at least 2/);
		expect(() => fitAffine(line, line.slice(1))).toThrow(/4 points but dst has 3/);
	});
});

describe('affine helpers', () => {
	it('invertAffine ∘ applyAffine is the identity', () => {
		const rng = new Rng(4);
		const t: Affine = [0.8, 0.55, -310.2, -0.61, 0.79, 1502.7];
		const inv = invertAffine(t);
		for (let k = 0; k < 50; k++) {
			const x = rng.uniform(-2000, 2000);
			const y = rng.uniform(-2000, 2000);
			const [u, v] = applyAffine(t, x, y);
			const [bx, by] = applyAffine(inv, u, v);
			expect(Math.abs(bx - x)).toBeLessThan(1e-9);
			expect(Math.abs(by - y)).toBeLessThan(1e-9);
		}
		expectClose(composeAffine(t, inv), [1, 0, 0, 0, 1, 0], 1e-12);
	});

	it('composeAffine applies the inner transform first', () => {
		const shift: Affine = [1, 0, 10, 0, 1, 0];
		const swap: Affine = [0, 1, 0, 1, 0, 0];
		expect(applyAffine(composeAffine(swap, shift), 1, 2)).toEqual([2, 11]);
		expect(applyAffine(composeAffine(shift, swap), 1, 2)).toEqual([12, 1]);
	});

	it('invertAffine names a singular transform', () => {
		expect(() => invertAffine([1, 2, 0, 2, 4, 0])).toThrow(/singular/);
	});
});
