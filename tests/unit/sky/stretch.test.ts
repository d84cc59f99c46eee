import { describe, expect, it } from 'vitest';
import { parsePreview } from '../../../src/lib/components/stacks/preview-data';
import { reportFrames } from '../../../src/lib/components/stacks/report';
import { fitView, zoomAt } from '../../../src/lib/components/stacks/view-transform';

/** Three planes of distinct values, to follow each through the encoding. */
function planes(width: number, height: number) {
	const plane = (c: number) => Float32Array.from({ length: width * height }, (_, i) => c + i / 1024);
	return { width, height, r: plane(0.1), g: plane(0.2), b: plane(0.3) };
}

function encode(p: ReturnType<typeof planes>): ArrayBuffer {
	const n = p.width * p.height;
	const view = new DataView(new ArrayBuffer(8 + 12 * n));
	view.setUint32(0, p.width, true);
	view.setUint32(4, p.height, true);
	[p.r, p.g, p.b].forEach((plane, c) => plane.forEach((v, i) => view.setFloat32(8 + 4 * (c * n + i), v, true)));
	return view.buffer;
}

describe('preview data', () => {
	const p = planes(60, 40);

	it('parses the binary preview (u32 LE sizes, float32 LE planes) and refuses a wrong length', () => {
		const parsed = parsePreview(encode(p));
		expect(parsed.width).toBe(60);
		expect(parsed.height).toBe(40);
		expect(parsed.g[123]).toBe(p.g[123]);
		expect(parsed.b[2399]).toBe(p.b[2399]);
		expect(() => parsePreview(encode(p).slice(0, 100))).toThrow(/60 x 40 should be 28808 bytes, got 100/);
	});
});

describe('zoom and pan', () => {
	it('fits and centres the image, and zooms about the pointer', () => {
		const v = fitView(1080, 1920, 400, 400);
		expect(v.scale).toBeCloseTo(400 / 1920, 12);
		expect(v.ox).toBeCloseTo((400 - 1080 * v.scale) / 2, 9);
		const z = zoomAt(v, 2, 100, 50, 0.01, 10);
		// the image point under (100, 50) stays there
		expect((100 - z.ox) / z.scale).toBeCloseTo((100 - v.ox) / v.scale, 9);
		expect((50 - z.oy) / z.scale).toBeCloseTo((50 - v.oy) / v.scale, 9);
		expect(zoomAt(v, 1000, 0, 0, 0.01, 10).scale).toBe(10);
	});
});

describe('report frames', () => {
	it('orders frames by DATE-OBS and keeps rejections with their reasons', () => {
		const rows = reportFrames({
			frames: [
				{ file: 'b.fit', status: 'rejected', reason: 'too few stars', stars: 3, fwhm: null, dateObs: '2025-03-27T05:46:04.1' },
				{ file: 'a.fit', status: 'aligned', reason: null, stars: 21, fwhm: 2.5, dateObs: '2025-03-27T05:45:00Z' },
				{ nope: true }
			]
		});
		expect(rows.map((r) => r.file)).toEqual(['a.fit', 'b.fit']);
		expect(rows[1]).toMatchObject({ status: 'rejected', reason: 'too few stars', fwhm: null, time: Date.parse('2025-03-27T05:46:04.1Z') });
		expect(reportFrames(null)).toEqual([]);
	});
});
