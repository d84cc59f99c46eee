import { describe, expect, it } from 'vitest';
import { HALF_HEIGHT, HALF_WIDTH, normalizeRa, project, unproject } from '../../../src/lib/sky/hammer';
import { fitViewport, fromScreen, toScreen } from '../../../src/lib/sky/viewport';

describe('Hammer projection', () => {
	it('puts RA 0, Dec 0 at the centre and the poles at the top and bottom of the ellipse', () => {
		expect(project(0, 0)).toEqual({ x: 0, y: 0 });
		for (const ra of [0, 45, 170, 300]) {
			expect(project(ra, 90).x).toBeCloseTo(0, 12);
			expect(project(ra, 90).y).toBeCloseTo(Math.SQRT2, 12);
			expect(project(ra, -90).y).toBeCloseTo(-Math.SQRT2, 12);
		}
	});

	it('draws RA increasing to the left: RA 90 left of centre, RA 270 right, RA 180 on the edges', () => {
		// Hammer at |λ| = 90°, φ = 0: x = 2√2·sin 45° / √(1 + cos 45°) = 2 / √(1 + √½) ≈ 1.5307
		const expected = 2 / Math.sqrt(1 + Math.SQRT1_2);
		expect(project(90, 0).x).toBeCloseTo(-expected, 12);
		expect(project(270, 0).x).toBeCloseTo(expected, 12);
		expect(project(179.999, 0).x).toBeCloseTo(-HALF_WIDTH, 4);
		expect(project(180.001, 0).x).toBeCloseTo(HALF_WIDTH, 4);
		expect(Math.abs(project(180, 0).x)).toBeCloseTo(HALF_WIDTH, 12);
		expect(project(10, 0).x).toBeLessThan(project(5, 0).x);
	});

	it('puts north up: Dec +41 above the equator, Dec -41 below', () => {
		expect(project(193, 41).y).toBeGreaterThan(0);
		expect(project(193, -41).y).toBeCloseTo(-project(193, 41).y, 12);
		// on the central meridian y = √2·sin φ / √(1 + cos φ)
		const phi = (30 * Math.PI) / 180;
		expect(project(0, 30).y).toBeCloseTo((Math.SQRT2 * Math.sin(phi)) / Math.sqrt(1 + Math.cos(phi)), 12);
	});

	it('inverts: unproject(project(ra, dec)) is (ra, dec) across the sky', () => {
		for (let ra = 0; ra < 360; ra += 7.5) {
			for (let dec = -87; dec <= 87; dec += 6) {
				const p = project(ra, dec);
				const back = unproject(p.x, p.y)!;
				expect(back.dec).toBeCloseTo(dec, 9);
				expect(Math.min(Math.abs(back.ra - ra), 360 - Math.abs(back.ra - ra))).toBeLessThan(1e-8);
			}
		}
	});

	it('answers null outside the ellipse and refuses impossible Dec', () => {
		expect(unproject(HALF_WIDTH * 0.8, HALF_HEIGHT * 0.8)).toBeNull();
		expect(unproject(0, HALF_HEIGHT * 1.01)).toBeNull();
		expect(() => project(10, 91)).toThrow(/Dec must be within/);
		expect(() => project(Number.NaN, 0)).toThrow(/not a sky position/);
	});

	it('normalises RA into [0, 360)', () => {
		expect(normalizeRa(-30)).toBe(330);
		expect(normalizeRa(360)).toBe(0);
		expect(normalizeRa(725)).toBe(5);
	});
});

describe('viewport', () => {
	it('fits the 2:1 ellipse and maps screen ↔ sky both ways', () => {
		const v = fitViewport(800, 500, 10);
		expect(v.scale).toBeCloseTo(780 / (2 * HALF_WIDTH), 12);
		expect(toScreen(v, 0, 0)).toEqual({ sx: 400, sy: 250 });
		expect(toScreen(v, 0, 90).sy).toBeCloseTo(250 - HALF_HEIGHT * v.scale, 9);
		const m94 = toScreen(v, 193, 41);
		expect(m94.sx).toBeGreaterThan(400); // RA 193 is past 180: right half
		expect(m94.sy).toBeLessThan(250);
		const back = fromScreen(v, m94.sx, m94.sy)!;
		expect(back.ra).toBeCloseTo(193, 9);
		expect(back.dec).toBeCloseTo(41, 9);
		expect(fromScreen(v, 2, 2)).toBeNull();
	});
});
