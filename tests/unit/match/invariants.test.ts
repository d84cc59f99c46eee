import { describe, expect, it } from 'vitest';
import { MIN_INLIERS, PIXEL_TOL } from '../../../src/lib/stacking/match/constants';
import { arrangeTriangle, buildTriangles, matchTriangles, nearestNeighbours, sortTriangles } from '../../../src/lib/stacking/match/invariants';
import { minInliers } from '../../../src/lib/stacking/match/significance';
import { Rng } from '../../synthetic/rng';
import { mapPoints, randomStars, similarity } from './point-fields';

describe('triangle invariants', () => {
	const tri = [
		{ x: 0, y: 0 },
		{ x: 30, y: 0 },
		{ x: 0, y: 40 }
	]; // sides 30, 40, 50

	it('orders vertices by the side they face and gives the side ratios', () => {
		const t = arrangeTriangle(tri, 0, 1, 2, 1)!;
		// Shortest side (30, from 0 to 1) faces vertex 2; the middle one (40) faces vertex 1.
		expect(t.v).toEqual([2, 1, 0]);
		expect(t.inv[0]).toBeCloseTo(30 / 50, 15);
		expect(t.inv[1]).toBeCloseTo(40 / 50, 15);
	});

	it('gives the same invariants and corresponding vertices after rotation, scale, shift and relabelling', () => {
		const moved = mapPoints(similarity(123, 400, -70, 1.7), tri);
		const relabelled = [moved[2], moved[0], moved[1]]; // old 2 -> 0, old 0 -> 1, old 1 -> 2
		const a = arrangeTriangle(tri, 0, 1, 2, 1)!;
		const b = arrangeTriangle(relabelled, 0, 1, 2, 1)!;
		expect(b.inv[0]).toBeCloseTo(a.inv[0], 12);
		expect(b.inv[1]).toBeCloseTo(a.inv[1], 12);
		const newLabel = [1, 2, 0];
		expect(b.v).toEqual(a.v.map((v) => newLabel[v]));
	});

	it('skips triangles with a side shorter than the minimum', () => {
		expect(arrangeTriangle([...tri, { x: 0.5, y: 0 }], 0, 1, 3, 3)).toBeNull();
	});

	it('lists each point first among its nearest neighbours and builds each triangle once', () => {
		const rng = new Rng(1);
		const pts = randomStars(rng, 12);
		const nn = nearestNeighbours(pts, 4);
		nn.forEach((hood, i) => expect(hood[0]).toBe(i));
		const tris = buildTriangles(pts, 4, 0);
		const keys = tris.map((t) => [...t.v].sort((a, b) => a - b).join(','));
		expect(new Set(keys).size).toBe(keys.length);
		expect(tris.length).toBeGreaterThanOrEqual(12);
	});

	it('pairs every triangle with its transformed copy, best match first', () => {
		const rng = new Rng(2);
		const pts = randomStars(rng, 20);
		const a = buildTriangles(pts, 5, 3);
		const b = buildTriangles(mapPoints(similarity(70, 10, 10), pts), 5, 3);
		const { pairs } = matchTriangles(a, sortTriangles(b), 0.01);
		const exact = pairs.filter((p) => p.src.v.join() === p.dst.v.join());
		expect(exact.length).toBe(a.length);
		for (let k = 1; k < pairs.length; k++) expect(pairs[k].dist).toBeGreaterThanOrEqual(pairs[k - 1].dist);
	});

	it('keeps the best max pairs: the head of the full order, equal distances in generation order', () => {
		// a lattice: many triangles share their invariants exactly, so many distances tie
		const lattice = Array.from({ length: 36 }, (_, i) => ({ x: 40 * (i % 6), y: 40 * Math.floor(i / 6) }));
		const rng = new Rng(4);
		const src = buildTriangles([...lattice, ...randomStars(rng, 10)], 6, 3);
		const dst = sortTriangles(buildTriangles([...lattice, ...randomStars(rng, 10)], 6, 3));
		const all = matchTriangles(src, dst, 0.05);
		expect(all.pairs.length).toBeGreaterThan(1000);
		expect(all.pairs.filter((p) => p.dist === 0).length).toBeGreaterThan(100);
		for (const max of [1, 37, 100, 999]) {
			const head = matchTriangles(src, dst, 0.05, max);
			expect(head.agreed).toBe(all.agreed);
			expect(head.pairs).toEqual(all.pairs.slice(0, max));
			head.pairs.forEach((p, k) => expect(p.src === all.pairs[k].src && p.dst === all.pairs[k].dst).toBe(true));
		}
	});
});

describe('minInliers', () => {
	it('asks more of dense fields than of sparse ones, never less than MIN_INLIERS', () => {
		const rng = new Rng(3);
		const sparse = randomStars(rng, 20);
		const dense = sparse.map((p) => ({ x: p.x / 10, y: p.y / 10 }));
		const nSparse = minInliers(sparse, sparse, PIXEL_TOL, 1000);
		const nDense = minInliers(dense, dense, PIXEL_TOL, 1000);
		expect(nSparse).toBeGreaterThanOrEqual(MIN_INLIERS);
		expect(nDense).toBeGreaterThan(nSparse);
		expect(minInliers(sparse, sparse, PIXEL_TOL, 1e6)).toBeGreaterThanOrEqual(nSparse);
	});
});
