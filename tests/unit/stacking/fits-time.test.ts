import { describe, expect, it } from 'vitest';
import { formatFitsDate, parseFitsDate } from '../../../src/lib/stacking/fits-time';

describe('FITS dates', () => {
	it('keeps the microseconds of a Seestar DATE-OBS', () => {
		const us = parseFitsDate('2025-03-27T05:45:00.734589');
		expect(us).toBe(Date.UTC(2025, 2, 27, 5, 45, 0) * 1000 + 734589);
		expect(formatFitsDate(us!)).toBe('2025-03-27T05:45:00.734589');
	});

	it('reads dates without fraction or with a Z, and adds exposures across midnight', () => {
		expect(parseFitsDate('2024-07-31T02:44:22Z')).toBe(Date.UTC(2024, 6, 31, 2, 44, 22) * 1000);
		expect(formatFitsDate(parseFitsDate('2024-12-31T23:59:55.5')! + 10e6)).toBe('2025-01-01T00:00:05.500000');
	});

	it('refuses what is not an ISO date', () => {
		// A date alone has no time to place a frame in a window or a stack's OB-START: the same rule as uploads.
		for (const bad of [undefined, '', '2024-07-31', '27/03/2025', '2025-13-01T00:00:00', '2025-03-27 05:45:00', '2025-03-27T05:45:00+02:00']) {
			expect(parseFitsDate(bad)).toBeUndefined();
		}
	});
});
