import { describe, expect, it } from 'vitest';
import { project } from '../../../src/lib/sky/hammer';
import { rangeOutline } from '../../../src/lib/sky/selection';
import { formatSkyParam, formatTimeParam, parseSkyParam, parseTimeParam } from '../../../src/lib/sky/selection-params';

describe('selections in the URL', () => {
	it('round-trips a sky range (wrapping too) and a time range', () => {
		const wrap = { raMin: 350.25, raMax: 10.5, decMin: -5, decMax: 20 };
		expect(parseSkyParam(formatSkyParam(wrap))).toEqual(wrap);
		expect(parseTimeParam(formatTimeParam({ from: 1722393862705, to: 1743054364077 }))).toEqual({ from: 1722393862705, to: 1743054364077 });
	});

	it('ignores bad values instead of failing the page', () => {
		for (const bad of [null, '', '1,2,3', 'a,b,c,d', '10,20,50,40', '10,400,0,1', '0,10,-95,0']) expect(parseSkyParam(bad)).toBeNull();
		for (const bad of [null, '5', '9,3', 'x,y']) expect(parseTimeParam(bad)).toBeNull();
	});
});

describe('outline of a selection', () => {
	it('runs along both parallels and both meridians of a range', () => {
		const edges = rangeOutline({ raMin: 190, raMax: 200, decMin: 30, decMax: 50 }, 2);
		expect(edges).toHaveLength(4);
		expect(edges[0].every((p) => p.dec === 30)).toBe(true);
		expect(edges[0][0].ra).toBe(190);
		expect(edges[0][edges[0].length - 1].ra).toBe(200);
		expect(edges[2].every((p) => p.ra === 190)).toBe(true);
		expect(edges[3][edges[3].length - 1]).toEqual({ ra: 200, dec: 50 });
	});

	it('goes through RA 0 when the range wraps, and keeps RA 180 on the range’s side of the map', () => {
		const wrap = rangeOutline({ raMin: 350, raMax: 10, decMin: 0, decMax: 5 }, 1)[0].map((p) => p.ra);
		expect(wrap).toContain(0);
		expect(wrap.every((ra) => ra >= 350 || ra <= 10)).toBe(true);
		// [150, 180]: every point left of centre (RA increases to the left)
		for (const edge of rangeOutline({ raMin: 150, raMax: 180, decMin: 0, decMax: 10 })) {
			for (const p of edge) expect(project(p.ra, p.dec).x).toBeLessThan(0);
		}
		// [180, 220]: every point right of centre
		for (const edge of rangeOutline({ raMin: 180, raMax: 220, decMin: 0, decMax: 10 })) {
			for (const p of edge) expect(project(p.ra, p.dec).x).toBeGreaterThan(0);
		}
	});

	it('a full-RA band is two parallels', () => {
		expect(rangeOutline({ raMin: 0, raMax: 360, decMin: 60, decMax: 90 })).toHaveLength(2);
	});
});
