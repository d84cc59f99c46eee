import { describe, expect, it } from 'vitest';
import { axisPosition, channelHistograms, histogramAxis, stretchMarks } from '$lib/components/stacks/histogram';
import { autoStretch, channelStats, levels } from '$lib/stacking/stretch';

/** A seeded sky per channel (R brighter than B) with a few bright stars, and one pixel without data. */
function sky(width: number, height: number) {
	let seed = 11;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const plane = (bg: number) =>
		Float32Array.from({ length: width * height }, (_, i) => (i === 5 ? NaN : bg + (rand() - 0.5) * 0.01 + (i % 101 === 0 ? 0.9 : 0)));
	return { width, height, r: plane(0.12), g: plane(0.1), b: plane(0.08) };
}

describe('the histogram', () => {
	const p = sky(200, 150);
	const stats = [p.r, p.g, p.b].map(channelStats);
	const axis = histogramAxis(stats);

	it('counts every finite value of each channel once', () => {
		const counts = channelHistograms(p, axis, 64);
		for (const c of counts) {
			expect(c.length).toBe(64);
			expect(c.reduce((a, b) => a + b, 0)).toBe(p.width * p.height - 1);
		}
	});

	it('puts the sky peaks in channel order and the stars in the top bins', () => {
		const counts = channelHistograms(p, axis, 64);
		const peak = (c: Uint32Array) => c.indexOf(Math.max(...c));
		const [r, g, b] = counts.map(peak);
		expect(b).toBeLessThan(g);
		expect(g).toBeLessThan(r);
		// The sky gets room: its peak is not squeezed against the left edge as on a linear axis.
		expect(b).toBeGreaterThan(4);
		expect(counts[0][63] + counts[0][62]).toBeGreaterThan(0);
	});

	it('maps the axis ends to 0 and 1, monotonically', () => {
		expect(axisPosition(axis, axis.lo)).toBe(0);
		expect(axisPosition(axis, axis.hi)).toBe(1);
		expect(axisPosition(axis, axis.lo - 1)).toBe(0);
		expect(axisPosition(axis, 0.11)).toBeGreaterThan(axisPosition(axis, 0.1));
	});

	it("marks the stretch's own black points, which move right with the black point", () => {
		const auto = autoStretch(stats);
		const marks = stretchMarks(stats, auto, axis);
		const { black } = levels(stats, auto.shadows);
		expect(marks.black).toEqual(black.map((v) => axisPosition(axis, v)));
		expect(marks.white).toBe(1);
		for (let c = 0; c < 3; c++) expect(marks.midtones[c]).toBeGreaterThan(marks.black[c]);
		const higher = stretchMarks(stats, { ...auto, shadows: 2 }, axis);
		for (let c = 0; c < 3; c++) expect(higher.black[c]).toBeGreaterThan(marks.black[c]);
	});
});
