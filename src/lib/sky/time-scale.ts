/** The timeline's arithmetic: a linear UTC time axis, its ticks, and the brush's time range. */

export interface TimeScale {
	/** Domain, ms since the epoch. */
	t0: number;
	t1: number;
	/** Range, CSS pixels. */
	x0: number;
	x1: number;
}

export interface TimeRange {
	from: number;
	to: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A scale over the times with 4 % padding on each side; a single time (or none) gets a day each
 * side so its dot sits in the middle.
 */
export function makeTimeScale(times: number[], x0: number, x1: number): TimeScale {
	const finite = times.filter(Number.isFinite);
	if (finite.length === 0) {
		const now = Date.UTC(2025, 0, 1);
		return { t0: now - DAY, t1: now + DAY, x0, x1 };
	}
	let lo = Math.min(...finite);
	let hi = Math.max(...finite);
	if (hi - lo < HOUR) {
		lo -= DAY;
		hi += DAY;
	}
	const pad = (hi - lo) * 0.04;
	return { t0: lo - pad, t1: hi + pad, x0, x1 };
}

export function timeToX(s: TimeScale, t: number): number {
	return s.x0 + ((t - s.t0) / (s.t1 - s.t0)) * (s.x1 - s.x0);
}

export function xToTime(s: TimeScale, x: number): number {
	return s.t0 + ((x - s.x0) / (s.x1 - s.x0)) * (s.t1 - s.t0);
}

/**
 * The time range between two pointer positions (either order), clamped to the axis; null for a
 * click (less than `minPixels` of drag), which clears the brush.
 */
export function brushRange(s: TimeScale, xa: number, xb: number, minPixels = 3): TimeRange | null {
	if (Math.abs(xb - xa) < minPixels) return null;
	const clamp = (x: number) => Math.min(Math.max(x, Math.min(s.x0, s.x1)), Math.max(s.x0, s.x1));
	const a = xToTime(s, clamp(xa));
	const b = xToTime(s, clamp(xb));
	return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** A stack spanning [start, end] is in the range when the two overlap (inclusive). */
export function overlaps(r: TimeRange, start: number, end: number): boolean {
	return start <= r.to && end >= r.from;
}

export interface Tick {
	t: number;
	label: string;
}

/** Nice steps for the axis: hours, days, weeks, months, years. */
const STEPS: { ms: number; unit: 'hour' | 'day' | 'month' | 'year'; n: number }[] = [
	{ ms: HOUR, unit: 'hour', n: 1 },
	{ ms: 3 * HOUR, unit: 'hour', n: 3 },
	{ ms: 6 * HOUR, unit: 'hour', n: 6 },
	{ ms: 12 * HOUR, unit: 'hour', n: 12 },
	{ ms: DAY, unit: 'day', n: 1 },
	{ ms: 2 * DAY, unit: 'day', n: 2 },
	{ ms: 7 * DAY, unit: 'day', n: 7 },
	{ ms: 14 * DAY, unit: 'day', n: 14 },
	{ ms: 30 * DAY, unit: 'month', n: 1 },
	{ ms: 91 * DAY, unit: 'month', n: 3 },
	{ ms: 182 * DAY, unit: 'month', n: 6 },
	{ ms: 365 * DAY, unit: 'year', n: 1 },
	{ ms: 2 * 365 * DAY, unit: 'year', n: 2 },
	{ ms: 5 * 365 * DAY, unit: 'year', n: 5 },
	{ ms: 10 * 365 * DAY, unit: 'year', n: 10 }
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** At most `maxTicks` ticks on UTC boundaries (whole hours, midnights, first of months, 1 January). */
export function timeTicks(s: TimeScale, maxTicks: number): Tick[] {
	const span = s.t1 - s.t0;
	const step = STEPS.find((st) => span / st.ms <= Math.max(1, maxTicks)) ?? STEPS[STEPS.length - 1];
	const ticks: Tick[] = [];
	const d = new Date(s.t0);
	let t: Date;
	if (step.unit === 'hour') {
		t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.ceil(d.getUTCHours() / step.n) * step.n));
	} else if (step.unit === 'day') {
		t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
	} else if (step.unit === 'month') {
		t = new Date(Date.UTC(d.getUTCFullYear(), Math.ceil((d.getUTCMonth() + 1) / step.n) * step.n, 1));
	} else {
		t = new Date(Date.UTC(Math.ceil((d.getUTCFullYear() + 1) / step.n) * step.n, 0, 1));
	}
	while (t.getTime() < s.t0) t = advance(t, step);
	for (; t.getTime() <= s.t1 && ticks.length < 100; t = advance(t, step)) {
		ticks.push({ t: t.getTime(), label: tickLabel(t, step.unit) });
	}
	return ticks;
}

function advance(t: Date, step: (typeof STEPS)[number]): Date {
	if (step.unit === 'hour') return new Date(t.getTime() + step.n * HOUR);
	if (step.unit === 'day') return new Date(t.getTime() + step.n * DAY);
	if (step.unit === 'month') return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + step.n, 1));
	return new Date(Date.UTC(t.getUTCFullYear() + step.n, 0, 1));
}

function tickLabel(t: Date, unit: 'hour' | 'day' | 'month' | 'year'): string {
	const day = `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}`;
	if (unit === 'hour') return t.getUTCHours() === 0 ? day : `${String(t.getUTCHours()).padStart(2, '0')}:00`;
	if (unit === 'day') return day;
	if (unit === 'month') return t.getUTCMonth() === 0 ? String(t.getUTCFullYear()) : `${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
	return String(t.getUTCFullYear());
}
