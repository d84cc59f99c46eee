import { describe, expect, it } from 'vitest';
import { formatDuration, formatMb, formatMegabytes, formatPosition, formatRaDec, formatSpan, MB } from '$lib/format';

describe('the one set of formatters', () => {
	it('writes an exposure like any duration, minutes padded after hours', () => {
		expect([40, 750, 7500, 7200, 3599.6].map(formatDuration)).toEqual(['40 s', '12 min 30 s', '2 h 05 min', '2 h', '1 h']);
		expect(formatDuration(Number.NaN)).toBe('—');
	});

	it('writes sizes from bytes or from MB by one rule', () => {
		expect(formatMb(50 * MB)).toBe('50 MB');
		expect(formatMb(1.5 * 1024 * MB)).toBe('1.5 GB');
		expect(formatMegabytes(5120)).toBe(formatMb(5120 * MB));
	});

	it('writes spans and positions in UTC', () => {
		expect(formatSpan('2025-03-27T05:45:00Z', '2025-03-27T05:46:10Z')).toBe('27 Mar 2025, 05:45–05:46 UTC');
		expect(formatPosition(193.1, -41.04)).toBe('12h 52m, −41.0°');
		expect(formatRaDec(192.7527689, 41.1211244)).toBe('12h 51m 00.7s, +41° 07′ 16″');
		expect(formatRaDec(359.99999, -0.5)).toBe('00h 00m 00.0s, −00° 30′ 00″');
	});
});
