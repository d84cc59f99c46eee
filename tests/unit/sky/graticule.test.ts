import { describe, expect, it } from 'vitest';
import { gridLabels, gridLines } from '../../../src/lib/sky/graticule';
import { fitViewport } from '../../../src/lib/sky/viewport';

/** The longest step between consecutive points of a line, as a fraction of the map's width. */
function longestStep(points: [number, number][], width: number): number {
	let longest = 0;
	for (let i = 1; i < points.length; i++) {
		longest = Math.max(longest, Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]));
	}
	return longest / width;
}

describe('the sky map grid', () => {
	const width = 800;
	const viewport = fitViewport(width, 400);
	const lines = gridLines(viewport);

	it('draws each parallel once, edge to edge, without a chord back across the map', () => {
		const parallels = lines.filter((l) => l.kind === 'dec');
		expect(parallels.map((l) => l.value)).toEqual([-75, -60, -45, -30, -15, 0, 15, 30, 45, 60, 75]);
		for (const line of parallels) {
			// 2° samples: neighbours lie a few pixels apart; a return to the left edge would be the map's width.
			expect(longestStep(line.points, width)).toBeLessThan(0.02);
			const [first, last] = [line.points[0], line.points[line.points.length - 1]];
			expect(first[0]).toBeLessThan(viewport.cx);
			expect(last[0]).toBeGreaterThan(viewport.cx);
		}
	});

	it('draws each meridian as one smooth curve from pole to pole', () => {
		for (const line of lines.filter((l) => l.kind === 'ra')) expect(longestStep(line.points, width)).toBeLessThan(0.02);
	});
});

describe('the sky map labels', () => {
	it('labels the grid on a phone-sized map too, with fewer labels that do not touch', () => {
		for (const width of [320, 350, 900]) {
			const labels = gridLabels(fitViewport(width, width / 2), width);
			const ra = labels.filter((l) => l.text.endsWith('h'));
			const dec = labels.filter((l) => l.text.endsWith('°'));
			expect(ra.length).toBeGreaterThanOrEqual(4);
			expect(dec.length).toBeGreaterThanOrEqual(4);
			// Neighbouring RA labels along the equator: room for "22h" at 10 px (~18 px wide) and a gap.
			const xs = ra.map((l) => l.x).sort((a, b) => a - b);
			for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThan(24);
		}
	});
});
