import { describe, expect, it } from 'vitest';
import { footprintOnScreen, screenExtent } from '$lib/sky/footprint';
import { fitViewport, toScreen } from '$lib/sky/viewport';

const viewport = fitViewport(928, 472, 8);

describe('a stack footprint on the sky map', () => {
	it('puts the M 94 stack’s corners where the map puts those sky positions, a few pixels across', () => {
		const corners: [number, number][] = [[193.2526, 41.7435], [193.1982, 40.4776], [192.2623, 40.4966], [192.2986, 41.7629]];
		const shape = footprintOnScreen(viewport, corners)!;
		expect(shape).toEqual(corners.map(([ra, dec]) => toScreen(viewport, ra, dec)));
		const xs = shape.map((p) => p.sx);
		const ys = shape.map((p) => p.sy);
		console.log(`M 94 footprint on a 928 px map: ${(Math.max(...xs) - Math.min(...xs)).toFixed(1)} x ${(Math.max(...ys) - Math.min(...ys)).toFixed(1)} px`);
		expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(2);
		expect(screenExtent(shape)).toBe(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)));
	});

	it('gives none for a footprint across the RA 180° seam, which would cross the whole map', () => {
		expect(footprintOnScreen(viewport, [[179.6, 10], [179.6, 11], [180.4, 11], [180.4, 10]])).toBeNull();
		expect(footprintOnScreen(viewport, [[0.4, 10], [0.4, 11], [359.6, 11], [359.6, 10]])).not.toBeNull();
	});
});
