import { describe, expect, it } from 'vitest';
import { inSkyRange, rectToSkyRange } from '../../../src/lib/sky/selection';
import { fitViewport, toScreen } from '../../../src/lib/sky/viewport';

const v = fitViewport(1000, 500, 0);

/** A screen rectangle of ±half pixels around a sky position. */
function around(ra: number, dec: number, half: number) {
	const { sx, sy } = toScreen(v, ra, dec);
	return { x0: sx - half, y0: sy - half, x1: sx + half, y1: sy + half };
}

describe('rectangle → RA/Dec ranges', () => {
	it('a small box around M 94 (RA 193, Dec +41) holds it and not NGC 7023 (RA 315.5, Dec +68)', () => {
		const r = rectToSkyRange(v, around(193, 41, 20))!;
		expect(r.raMin).toBeLessThan(193);
		expect(r.raMax).toBeGreaterThan(193);
		expect(r.raMin).toBeLessThan(r.raMax);
		expect(r.decMin).toBeLessThan(41);
		expect(r.decMax).toBeGreaterThan(41);
		expect(inSkyRange(r, 193, 41)).toBe(true);
		expect(inSkyRange(r, 315.5, 68)).toBe(false);
	});

	it('corners in any order give the same range', () => {
		const a = around(100, -20, 30);
		expect(rectToSkyRange(v, { x0: a.x1, y0: a.y1, x1: a.x0, y1: a.y0 })).toEqual(rectToSkyRange(v, a));
	});

	it('wraps through RA 0/360 when the box straddles the centre line', () => {
		const r = rectToSkyRange(v, around(0, 10, 40))!;
		expect(r.raMin).toBeGreaterThan(r.raMax); // [raMin, 360) ∪ [0, raMax]
		expect(r.raMin).toBeGreaterThan(340);
		expect(r.raMax).toBeLessThan(20);
		expect(inSkyRange(r, 359, 10)).toBe(true);
		expect(inSkyRange(r, 1, 10)).toBe(true);
		expect(inSkyRange(r, 180, 10)).toBe(false);
		expect(inSkyRange(r, 30, 10)).toBe(false);
	});

	it('a box on the right edge reaches RA 180 from above, one on the left edge from below', () => {
		const right = rectToSkyRange(v, { x0: 900, y0: 240, x1: 1000, y1: 260 })!;
		expect(right.raMin).toBeCloseTo(180, 0);
		expect(right.raMax).toBeGreaterThan(200);
		expect(right.raMax).toBeLessThan(270);
		expect(inSkyRange(right, 190, 0)).toBe(true);
		expect(inSkyRange(right, 170, 0)).toBe(false);
		const left = rectToSkyRange(v, { x0: 0, y0: 240, x1: 100, y1: 260 })!;
		expect(left.raMax).toBeCloseTo(180, 0);
		expect(left.raMin).toBeLessThan(180);
		expect(inSkyRange(left, 170, 0)).toBe(true);
		expect(inSkyRange(left, 190, 0)).toBe(false);
	});

	it('matches the grid: a box spanning the meridians RA 30 and 60 at the equator gives about 30–60', () => {
		const a = toScreen(v, 60, 5);
		const b = toScreen(v, 30, -5);
		const r = rectToSkyRange(v, { x0: a.sx, y0: a.sy, x1: b.sx, y1: b.sy })!;
		// The meridians curve, so the box's corners reach a little beyond 30 and 60.
		expect(r.raMin).toBeGreaterThan(29);
		expect(r.raMin).toBeLessThanOrEqual(30.01);
		expect(r.raMax).toBeGreaterThanOrEqual(59.99);
		expect(r.raMax).toBeLessThan(61);
		expect(r.decMin).toBeCloseTo(-5, 0);
		expect(r.decMax).toBeCloseTo(5, 0);
	});

	it('a box holding the north pole covers every RA up to Dec +90', () => {
		const pole = toScreen(v, 0, 90);
		const r = rectToSkyRange(v, { x0: pole.sx - 50, y0: pole.sy - 5, x1: pole.sx + 50, y1: pole.sy + 70 })!;
		expect(r).toMatchObject({ raMin: 0, raMax: 360, decMax: 90 });
		expect(r.decMin).toBeGreaterThan(45);
		expect(r.decMin).toBeLessThan(68);
		expect(inSkyRange(r, 315.5, 68)).toBe(true);
		expect(inSkyRange(r, 193, 41)).toBe(false);
	});

	it('a box off the map (a corner outside the ellipse) is null', () => {
		expect(rectToSkyRange(v, { x0: 0, y0: 0, x1: 20, y1: 20 })).toBeNull();
	});
});
