// The picture's small copy (thumbnail, live preview) against the plain area average of each channel.
import { describe, expect, it } from 'vitest';
import { smallRgba } from '../../../src/lib/picture';
import { areaAverage } from '../../../src/lib/stacking/preview';

describe('smallRgba', () => {
	it.each([
		[61, 37, 16],
		[37, 61, 16],
		[64, 32, 16],
		[50, 40, 50]
	])('averages a %i x %i picture to at most %i px by area, as areaAverage does per channel', (width, height, maxSide) => {
		const rgb = Uint16Array.from({ length: width * height * 3 }, (_, i) => (i * 7919 + (i % 3) * 12345) % 65536);
		const small = smallRgba({ width, height, rgb }, maxSide);
		expect(Math.max(small.width, small.height)).toBe(Math.min(maxSide, Math.max(width, height)));
		for (let c = 0; c < 3; c++) {
			const plane = Float32Array.from({ length: width * height }, (_, i) => rgb[i * 3 + c]);
			const expected = areaAverage(plane, width, height, small.width, small.height);
			for (let p = 0; p < expected.length; p++) expect(Math.abs(small.rgba[p * 4 + c] - expected[p] / 257)).toBeLessThanOrEqual(0.5 + 1e-6);
		}
		for (let p = 0; p < small.width * small.height; p++) expect(small.rgba[p * 4 + 3]).toBe(255);
	});
});
