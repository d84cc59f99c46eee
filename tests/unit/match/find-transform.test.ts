import { describe, expect, it } from 'vitest';
import { AlignError, findTransform, type Affine, type Point } from '../../../src/lib/stacking/match';
import { Rng } from '../../synthetic/rng';
import { inFrame, mapPoints, randomStars, shuffle, similarity, transformRmsError } from './point-fields';

function alignErrorKind(fn: () => unknown): string {
	try {
		fn();
	} catch (err) {
		if (err instanceof AlignError) return err.kind;
		throw err;
	}
	return 'no error';
}

/** Checks every returned pair against the identity of the generated stars. */
function expectPairsTrue(pairs: [number, number][], srcId: number[], dstId: number[]): void {
	for (const [i, j] of pairs) expect(srcId[i], `pair ${i}->${j}`).toBe(dstId[j]);
}

describe('findTransform on noiseless point lists', () => {
	for (const deg of [0, 3, 45, 180]) {
		it(`recovers rotation ${deg}° with a shift of hundreds of pixels to 1e-9`, () => {
			const rng = new Rng(100 + deg);
			const truth = similarity(deg, 310, -245);
			// The sky: stars around both frames; each frame sees what falls inside it.
			const sky = randomStars(rng, 120, 600);
			const src = sky.filter(inFrame);
			const dst = mapPoints(truth, sky).filter(inFrame);
			const r = findTransform(shuffle(rng, src), shuffle(rng, dst));
			expect(r.model).toBe('similarity');
			r.transform.forEach((v, k) => expect(Math.abs(v - truth[k]), `coefficient ${k}`).toBeLessThan(1e-9));
			expect(r.rms).toBeLessThan(1e-9);
			expect(r.pairs.length).toBeGreaterThanOrEqual(10);
		});
	}

	it('recovers a scale as well as a rotation', () => {
		const rng = new Rng(7);
		const truth = similarity(-20, 40, 90, 1.15);
		const src = randomStars(rng, 40);
		const r = findTransform(src, mapPoints(truth, src));
		r.transform.forEach((v, k) => expect(Math.abs(v - truth[k])).toBeLessThan(1e-9));
		expect(r.pairs).toEqual(src.map((_, i) => [i, i]));
	});

	it('fits an affine model when asked, recovering a small shear', () => {
		const rng = new Rng(8);
		const truth: Affine = [0.998, 0.012, -35, -0.009, 1.004, 120];
		const src = randomStars(rng, 50);
		const r = findTransform(src, mapPoints(truth, src), { model: 'affine' });
		expect(r.model).toBe('affine');
		r.transform.forEach((v, k) => expect(Math.abs(v - truth[k])).toBeLessThan(1e-9));
	});

	it('uses the input order as brightness when fluxes are missing', () => {
		const rng = new Rng(9);
		const truth = similarity(10, 5, 5);
		const src = randomStars(rng, 80).map(({ x, y }) => ({ x, y }));
		const r = findTransform(src, mapPoints(truth, src));
		expect(r.pairs.length).toBe(80);
	});
});

describe('findTransform with realistic defects', () => {
	it('with 0.1 px centroid noise: residual RMS ≈ 0.1 px and the transform error < 0.05 px', () => {
		for (const seed of [11, 12, 13]) {
			const rng = new Rng(seed);
			const truth = similarity(rng.uniform(-30, 30), rng.uniform(-200, 200), rng.uniform(-200, 200));
			const sky = randomStars(rng, 150, 300);
			const src = sky.filter(inFrame);
			// 0.1 px RMS 2-D displacement: 0.1/√2 on each axis, on the dst side only.
			const dst = mapPoints(truth, sky, rng, 0.1 / Math.SQRT2).filter(inFrame);
			const r = findTransform(src, dst);
			expect(r.rms).toBeGreaterThan(0.07);
			expect(r.rms).toBeLessThan(0.13);
			expect(transformRmsError(r.transform, truth)).toBeLessThan(0.05);
		}
	});

	it('with 40% spurious detections on both sides (hot pixels, noise peaks)', () => {
		for (const seed of [21, 22, 23, 24]) {
			const rng = new Rng(seed);
			const truth = similarity(rng.uniform(0, 360), rng.uniform(-300, 300), rng.uniform(-300, 300));
			const common = randomStars(rng, 36);
			// Spurious detections as bright as real stars, interleaved in brightness.
			const src = shuffle(rng, [...common, ...randomStars(rng, 24)]);
			const dst = shuffle(rng, [...mapPoints(truth, common, rng, 0.2), ...randomStars(rng, 24)]);
			const r = findTransform(src, dst);
			expect(transformRmsError(r.transform, truth)).toBeLessThan(0.2);
			expect(r.pairs.length).toBeGreaterThanOrEqual(30);
		}
	});

	it('with only 15 stars in common out of 40 on each side, with correct pairs', () => {
		for (const seed of [31, 32, 33, 34, 35]) {
			const rng = new Rng(seed);
			const truth = similarity(rng.uniform(-60, 60), rng.uniform(-100, 100), rng.uniform(-100, 100));
			const common = randomStars(rng, 15);
			const srcAll = [...common.map((p, k) => ({ p, id: k })), ...randomStars(rng, 25).map((p, k) => ({ p, id: 100 + k }))];
			const dstAll = [
				...mapPoints(truth, common, rng, 0.1).map((p, k) => ({ p, id: k })),
				...randomStars(rng, 25).map((p, k) => ({ p, id: 200 + k }))
			];
			const src = shuffle(rng, srcAll);
			const dst = shuffle(rng, dstAll);
			const r = findTransform(
				src.map((s) => s.p),
				dst.map((d) => d.p)
			);
			expect(r.pairs.length).toBe(15);
			expectPairsTrue(
				r.pairs,
				src.map((s) => s.id),
				dst.map((d) => d.id)
			);
			expect(transformRmsError(r.transform, truth)).toBeLessThan(0.15);
		}
	});

	it('ignores stars with non-finite positions', () => {
		const rng = new Rng(41);
		const truth = similarity(5, 20, 30);
		const src: Point[] = randomStars(rng, 30);
		const dst = mapPoints(truth, src);
		src.splice(3, 0, { x: NaN, y: 4, flux: 1e9 });
		const r = findTransform(src, dst);
		expect(r.pairs.every(([i, j]) => (i < 3 ? j === i : j === i - 1))).toBe(true);
		expect(r.pairs.length).toBe(30);
	});

	it('is deterministic', () => {
		const rng = new Rng(42);
		const truth = similarity(12, 8, -9);
		const src = randomStars(rng, 60);
		const dst = mapPoints(truth, src, rng, 0.3);
		expect(findTransform(src, dst)).toEqual(findTransform(src, dst));
	});
});

describe('findTransform refusals', () => {
	it('does not accept a mirror image as a similarity', () => {
		for (const seed of [51, 52, 53]) {
			const rng = new Rng(seed);
			const src = randomStars(rng, 40);
			const mirrored = src.map((p) => ({ x: 1080 - p.x, y: p.y + 20, flux: p.flux }));
			expect(alignErrorKind(() => findTransform(src, mirrored))).toBe('NoTransform');
		}
	});

	it('TooFewStars below 5 usable stars on either side', () => {
		const rng = new Rng(61);
		const four = randomStars(rng, 4);
		const many = randomStars(rng, 30);
		expect(alignErrorKind(() => findTransform(four, many))).toBe('TooFewStars');
		expect(alignErrorKind(() => findTransform(many, four))).toBe('TooFewStars');
		expect(alignErrorKind(() => findTransform([...four, { x: NaN, y: 1 }], many))).toBe('TooFewStars');
		expect(() => findTransform(four, many)).toThrow(/at least 5 stars on each side, got 4 \(src\) and 30 \(dst\)/);
	});

	it('aligns as few as 5 stars when they all match', () => {
		const src = [
			{ x: 100, y: 100 },
			{ x: 400, y: 150 },
			{ x: 250, y: 600 },
			{ x: 800, y: 1200 },
			{ x: 120, y: 1700 }
		];
		const truth = similarity(30, 10, 10);
		expect(findTransform(src, mapPoints(truth, src)).pairs.length).toBe(5);
	});

	it('NoTransform for unrelated random fields: no false positive in 150 sparse and 60 dense trials', () => {
		for (let seed = 0; seed < 150; seed++) {
			const rng = new Rng(1000 + seed);
			const n = 5 + rng.int(40);
			expect(alignErrorKind(() => findTransform(randomStars(rng, n), randomStars(rng, n))), `sparse seed ${seed}`).toBe('NoTransform');
		}
		for (let seed = 0; seed < 60; seed++) {
			// Small, crowded frames: chance coincidences within the pixel tolerance are frequent.
			const rng = new Rng(2000 + seed);
			const n = 20 + rng.int(60);
			const field = () => Array.from({ length: n }, () => ({ x: rng.uniform(0, 250), y: rng.uniform(0, 250), flux: rng.next() }));
			expect(alignErrorKind(() => findTransform(field(), field())), `dense seed ${seed}`).toBe('NoTransform');
		}
	});

	it('refuses an unknown model and non-array input with clear messages', () => {
		const rng = new Rng(71);
		const pts = randomStars(rng, 10);
		expect(() => findTransform(pts, pts, { model: 'homography' as 'affine' })).toThrow(/'homography' is not supported/);
		expect(() => findTransform(null as unknown as Point[], pts)).toThrow(TypeError);
	});
});
