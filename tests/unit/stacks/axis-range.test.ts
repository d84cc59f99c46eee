import { describe, expect, it } from 'vitest';
import { axisRange } from '../../../src/lib/components/stacks/axis-range';

describe('axisRange', () => {
	it('fits a line of 180–260 stars instead of starting at 0', () => {
		const { lo, hi } = axisRange([183, 201, 259, 240]);
		expect(lo).toBeGreaterThan(100);
		expect(lo).toBeLessThanOrEqual(183);
		expect(hi).toBeGreaterThanOrEqual(259);
		// The data spans most of the axis.
		expect((259 - 183) / (hi - lo)).toBeGreaterThan(0.5);
	});

	it('keeps round bounds with the decimals to show them, and FWHM in tenths', () => {
		const r = axisRange([2.31, 2.45, 2.62]);
		expect(r.lo).toBeLessThanOrEqual(2.31);
		expect(r.hi).toBeGreaterThanOrEqual(2.62);
		expect(r.decimals).toBeGreaterThan(0);
		for (const bound of [r.lo, r.hi]) expect(Number(bound.toFixed(r.decimals))).toBeCloseTo(bound, 9);
		expect((2.62 - 2.31) / (r.hi - r.lo)).toBeGreaterThan(0.5);
	});

	it('handles one value, equal values, no values and stays at or above 0 for counts', () => {
		for (const values of [[50], [50, 50, 50]]) {
			const r = axisRange(values);
			expect(r.lo).toBeLessThan(50);
			expect(r.hi).toBeGreaterThan(50);
		}
		expect(axisRange([])).toEqual({ lo: 0, hi: 1, decimals: 0 });
		expect(axisRange([0, 1, 2]).lo).toBe(0);
		expect(axisRange([Number.NaN, 4, 6]).hi).toBeGreaterThanOrEqual(6);
	});
});
