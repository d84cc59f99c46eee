import { describe, expect, it } from 'vitest';
import { wcsGrid } from '$lib/sky/wcs-grid';
import { makeWcs, pixelToSky } from '$lib/wcs';

// The M 94 stack's solution (CrowdSky, 2.376″/px, mirrored, +y to the south).
const M94 = makeWcs({ crval: [192.7516, 41.1219], crpix: [540.5, 960.5], cd: [[-6.6e-4, -1.8e-5], [1.8e-5, -6.6e-4]] });
const POLE = makeWcs({ crval: [10, 89.8], crpix: [540.5, 960.5], cd: [[-6.6e-4, 0], [0, 6.6e-4]] });

describe('the RA/Dec grid over a solved stack', () => {
	it('draws a few lines each way at round steps, every point on its line', () => {
		const lines = wcsGrid(M94, 1080, 1920);
		const decs = lines.filter((l) => l.kind === 'dec');
		const ras = lines.filter((l) => l.kind === 'ra');
		console.log('M 94 grid:', lines.map((l) => l.label).join(' '));
		expect(decs.length).toBeGreaterThanOrEqual(2);
		expect(decs.length).toBeLessThanOrEqual(6);
		expect(ras.length).toBeGreaterThanOrEqual(2);
		expect(ras.length).toBeLessThanOrEqual(6);
		for (const line of lines) {
			for (const [x, y] of line.segments.flat()) {
				const sky = pixelToSky(M94, x, y);
				const off = line.kind === 'dec' ? Math.abs(sky.dec - line.value) : Math.abs(((sky.ra - line.value + 540) % 360) - 180);
				expect(off).toBeLessThan(1e-9);
			}
		}
		expect(decs.map((l) => l.label)).toEqual(['+40°40′', '+41°', '+41°20′', '+41°40′']);
		expect(ras.every((l) => /^12h5\dm$/.test(l.label))).toBe(true);
	});

	it('crosses every RA when the pole is in the picture', () => {
		const ras = wcsGrid(POLE, 1080, 1920).filter((l) => l.kind === 'ra');
		expect(ras.length).toBeGreaterThanOrEqual(4);
		expect(new Set(ras.map((l) => l.value)).size).toBe(ras.length);
	});
});
