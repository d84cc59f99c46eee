import { describe, expect, it } from 'vitest';
import { chunkKey, windowIndex, type Cadence } from '$lib/chunks';

const at = (iso: string) => Date.parse(`${iso}Z`);

describe('windowIndex', () => {
	it('M 94 at 05:45:00.73 UTC is window 23 of 15 min (20700 s / 900)', () => {
		expect(windowIndex(at('2025-03-27T05:45:00.734'), 15)).toBe(23);
	});

	it.each([
		['2025-03-27T00:00:00.000', 15, 0],
		['2025-03-27T00:14:59.999', 15, 0],
		['2025-03-27T00:15:00.000', 15, 1],
		['2025-03-27T23:59:59.999', 15, 95],
		['2025-03-27T00:02:59.999', 3, 0],
		['2025-03-27T00:03:00.000', 3, 1],
		['2025-03-27T23:59:59.999', 3, 479],
		['2025-03-27T00:00:59.999', 1, 0],
		['2025-03-27T00:01:00.000', 1, 1],
		['2025-03-27T23:59:59.999', 1, 1439],
		// Before 1970 the day still starts at UTC midnight.
		['1969-12-31T00:15:00.000', 15, 1]
	] as [string, Cadence, number][])('%s at %i min is %i', (iso, cadence, cc) => {
		expect(windowIndex(at(iso), cadence)).toBe(cc);
	});

	it('refuses other cadences and non-dates', () => {
		expect(() => windowIndex(0, 5 as Cadence)).toThrow('chunk cadence 5 min is not supported; use 15, 3, 1 minutes');
		expect(() => windowIndex(Number.NaN, 15)).toThrow(/not a date/);
	});
});

describe('chunkKey', () => {
	const m94 = at('2025-03-27T05:45:00.734');

	it('is YYYYMMDD.CC_RRR.R_sDD.D with a CC as wide as the cadence needs', () => {
		expect(chunkKey(m94, 15, 193.070835, 40.979722)).toBe('20250327.23_193.1_+41.0');
		// 05:45:00 = 345 min: window 115 of 3 min, 345 of 1 min.
		expect(chunkKey(m94, 3, 193.070835, 40.979722)).toBe('20250327.115_193.1_+41.0');
		expect(chunkKey(m94, 1, 193.070835, 40.979722)).toBe('20250327.0345_193.1_+41.0');
		expect(chunkKey(at('2025-03-27T00:00:01'), 1, 193.070835, 40.979722)).toBe('20250327.0000_193.1_+41.0');
	});

	it('pads RA to 3 digits and Dec to 2, with a sign', () => {
		const midnight = at('2024-07-31T00:00:00');
		expect(chunkKey(midnight, 15, 5.3, -5.2)).toBe('20240731.00_005.3_-05.2');
		expect(chunkKey(midnight, 15, 0, 0)).toBe('20240731.00_000.0_+00.0');
		expect(chunkKey(midnight, 15, 315.499995, 68.215556)).toBe('20240731.00_315.5_+68.2');
		expect(chunkKey(midnight, 15, 180, 90)).toBe('20240731.00_180.0_+90.0');
		expect(chunkKey(midnight, 15, 180, -90)).toBe('20240731.00_180.0_-90.0');
	});

	it('rounds at the edges: RA 359.96 wraps to 000.0, a Dec that rounds to 0 is +00.0', () => {
		const midnight = at('2024-07-31T00:00:00');
		expect(chunkKey(midnight, 15, 359.96, 10)).toBe('20240731.00_000.0_+10.0');
		expect(chunkKey(midnight, 15, 359.94, 10)).toBe('20240731.00_359.9_+10.0');
		expect(chunkKey(midnight, 15, 360, 10)).toBe('20240731.00_000.0_+10.0');
		expect(chunkKey(midnight, 15, 10, -0.04)).toBe('20240731.00_010.0_+00.0');
		expect(chunkKey(midnight, 15, 10, -0.06)).toBe('20240731.00_010.0_-00.1');
		expect(chunkKey(midnight, 15, 10, -89.96)).toBe('20240731.00_010.0_-90.0');
		expect(chunkKey(midnight, 15, 193.04, 40.949)).toBe('20240731.00_193.0_+40.9');
	});

	it('the date is the UTC date: 23:59:59.999 and 00:00:00.000 are different days', () => {
		expect(chunkKey(at('2025-06-29T23:59:59.999'), 15, 315.57084, 68.282778)).toBe('20250629.95_315.6_+68.3');
		expect(chunkKey(at('2025-06-30T00:00:00.000'), 15, 315.57084, 68.282778)).toBe('20250630.00_315.6_+68.3');
	});

	it('refuses pointings out of range', () => {
		expect(() => chunkKey(m94, 15, -0.1, 0)).toThrow(/RA -0.1, Dec 0/);
		expect(() => chunkKey(m94, 15, 10, 91)).toThrow(/Dec in \[-90, 90\]/);
		expect(() => chunkKey(m94, 15, Number.NaN, 0)).toThrow(/out of range/);
	});
});
