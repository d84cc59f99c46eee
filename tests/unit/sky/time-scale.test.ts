import { describe, expect, it } from 'vitest';
import { brushRange, makeTimeScale, overlaps, timeTicks, timeToX, xToTime } from '../../../src/lib/sky/time-scale';

const t = (iso: string) => Date.parse(iso);

describe('timeline scale and brush', () => {
	const m94 = t('2025-03-27T05:45:00Z');
	const ngc = t('2024-07-31T20:00:00Z');
	const s = makeTimeScale([m94, ngc], 0, 1000);

	it('pads the domain by 4 % and maps time ↔ x linearly', () => {
		const span = m94 - ngc;
		expect(s.t0).toBeCloseTo(ngc - 0.04 * span, 0);
		expect(s.t1).toBeCloseTo(m94 + 0.04 * span, 0);
		expect(timeToX(s, ngc)).toBeCloseTo(1000 * (0.04 / 1.08), 6);
		expect(xToTime(s, timeToX(s, m94))).toBeCloseTo(m94, 0);
	});

	it('gives a lone stack a day on each side, centred', () => {
		const one = makeTimeScale([m94], 0, 500);
		expect(timeToX(one, m94)).toBeCloseTo(250, 6);
		expect(one.t1 - one.t0).toBeCloseTo(2 * 86400_000 * 1.08, 0);
	});

	it('a drag gives the time range between its ends, in either order, clamped to the axis', () => {
		const r = brushRange(s, 800, 200)!;
		expect(r.from).toBeCloseTo(xToTime(s, 200), 0);
		expect(r.to).toBeCloseTo(xToTime(s, 800), 0);
		const clamped = brushRange(s, -50, 1200)!;
		expect(clamped).toEqual({ from: s.t0, to: s.t1 });
	});

	it('a click (under 3 px) clears the brush', () => {
		expect(brushRange(s, 400, 402)).toBeNull();
	});

	it('selects stacks that overlap the range', () => {
		const r = { from: t('2025-03-27T05:45:30Z'), to: t('2025-03-28T00:00:00Z') };
		expect(overlaps(r, m94, m94 + 64_000)).toBe(true); // ends inside
		expect(overlaps(r, ngc, ngc + 60_000)).toBe(false);
		expect(overlaps(r, t('2025-03-28T00:00:00Z'), t('2025-03-28T00:10:00Z'))).toBe(true); // touches
	});

	it('ticks fall on UTC boundaries, within the domain, no more than asked', () => {
		const ticks = timeTicks(s, 8);
		expect(ticks.length).toBeGreaterThan(1);
		expect(ticks.length).toBeLessThanOrEqual(8);
		for (const tick of ticks) {
			expect(tick.t).toBeGreaterThanOrEqual(s.t0);
			expect(tick.t).toBeLessThanOrEqual(s.t1);
			const d = new Date(tick.t);
			expect(d.getUTCDate()).toBe(1);
			expect(d.getUTCHours()).toBe(0);
		}
		const night = makeTimeScale([t('2025-03-27T01:00:00Z'), t('2025-03-27T06:00:00Z')], 0, 1000);
		const hours = timeTicks(night, 6);
		expect(hours.map((h) => h.label)).toContain('03:00');
		for (const h of hours) expect(new Date(h.t).getUTCMinutes()).toBe(0);
	});
});
