import { describe, expect, it } from 'vitest';
import { FitsHeader, type Card } from '$lib/fits';
import { readSolution, solutionCards } from '$lib/solve';
import { footprint, makeWcs, pixelToSky } from '$lib/wcs';

const WCS = makeWcs({ crval: [192.7516, 41.1219], crpix: [540.5, 960.5], cd: [[-6.6e-4, -1.8e-5], [1.8e-5, -6.6e-4]] });
const header = (cards: Card[]) => new FitsHeader(cards);

describe('readSolution: a header’s plate solution', () => {
	it('reads back what solutionCards wrote, with centre, rotation, scale, parity and footprint', () => {
		const cards = solutionCards({
			solved: true, wcs: WCS, centre: pixelToSky(WCS, 540.5, 960.5), scale: 2.376, parity: 'flipped',
			matches: 14, needed: 8, rmsArcsec: 0.5771, matched: []
		} as Parameters<typeof solutionCards>[0]);
		const solution = readSolution(header(cards), 1080, 1920);
		expect(solution.state).toBe('solved');
		if (solution.state !== 'solved') return;
		expect(solution.centre.ra).toBeCloseTo(192.7516, 9);
		expect(solution.centre.dec).toBeCloseTo(41.1219, 9);
		expect(solution.scale).toBeCloseTo(Math.sqrt(6.6e-4 ** 2 + 1.8e-5 ** 2) * 3600, 6);
		expect(solution.rotation).toBeCloseTo(180 + (Math.atan2(1.8e-5, 6.6e-4) * 180) / Math.PI, 6);
		expect(solution.parity).toBe('flipped');
		expect([solution.matches, solution.rmsArcsec]).toEqual([14, 0.577]);
		// The cards carry each number to its last digits: the corners agree to far below a microarcsecond.
		const corners = footprint(WCS, 1080, 1920);
		solution.footprint.forEach((p, i) => expect(Math.hypot(p.ra - corners[i].ra, p.dec - corners[i].dec) * 3600).toBeLessThan(1e-6));
	});

	it('says untried without PLTSOLVD, unsolved with the reason, and unsolved when a claimed WCS cannot be read', () => {
		expect(readSolution(header([{ key: 'RA', value: 192.7 }]), 1080, 1920)).toEqual({ state: 'untried' });
		expect(readSolution(header(solutionCards({ solved: false, reason: 'only 3 stars matched' })), 1080, 1920)).toEqual({
			state: 'unsolved',
			reason: 'only 3 stars matched'
		});
		// The solver's reasons name degrees; a FITS card takes printable ASCII only.
		expect(readSolution(header(solutionCards({ solved: false, reason: 'no match within 2.5° of the hint — none' })), 1080, 1920)).toEqual({
			state: 'unsolved',
			reason: 'no match within 2.5 deg of the hint - none'
		});
		expect(readSolution(header([{ key: 'PLTSOLVD', value: true }]), 1080, 1920)).toEqual({ state: 'unsolved', reason: 'PLTSOLVD = T but the header has no WCS' });
		const mixed = header([{ key: 'PLTSOLVD', value: true }, { key: 'CTYPE1', value: 'RA---TAN' }, { key: 'CTYPE2', value: 'DEC--TAN' }, { key: 'CRVAL1', value: 1 }, { key: 'CRVAL2', value: 2 }, { key: 'CRPIX1', value: 1 }, { key: 'CRPIX2', value: 1 }, { key: 'CD1_1', value: 1e-3 }, { key: 'CD2_2', value: 1e-3 }, { key: 'PC1_1', value: 1 }]);
		const solution = readSolution(mixed, 10, 10);
		expect(solution.state).toBe('unsolved');
		if (solution.state === 'unsolved') expect(solution.reason).toMatch(/^PLTSOLVD = T but the WCS cannot be read: the header gives both CDi_j and PC1_1/);
	});
});
