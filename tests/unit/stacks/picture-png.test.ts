import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { picturePng } from '$lib/server/stacks/picture-png';

describe('picturePng', () => {
	it('writes every 16-bit sample as it is, RGB without alpha, even from a view into a larger buffer', () => {
		const [width, height] = [5, 3];
		const values = Array.from({ length: width * height * 3 }, (_, i) => (i * 4099 + 1) % 65536);
		const backing = new Uint16Array(values.length + 8);
		backing.set(values, 4);
		const png = picturePng({ width, height, rgb: backing.subarray(4, 4 + values.length), crop: { x: 0, y: 0, width, height }, colour: { method: 'average-star', stars: 0 } });
		expect([png[24], png[25]]).toEqual([16, 2]); // IHDR: bit depth 16, colour type RGB
		const decoded = PNG.sync.read(Buffer.from(png), { skipRescale: true });
		expect([decoded.width, decoded.height]).toEqual([width, height]);
		const samples = decoded.data as unknown as Uint16Array; // 16-bit RGBA, alpha filled in
		const rgb = Array.from({ length: width * height * 3 }, (_, i) => samples[Math.floor(i / 3) * 4 + (i % 3)]);
		expect(rgb).toEqual(values);
	});
});
