/**
 * DATE-OBS as a UTC instant. Strict on purpose: the original system parsed dates in the server's
 * local time zone and filed frames under a key of `unknown`; here a date is either read exactly
 * or refused with a reason the observer can act on.
 */

// FITS 4.0 section 9.1.1: YYYY-MM-DDThh:mm:ss[.s...]; a trailing Z is tolerated (it says UTC too).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z?)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /T\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{2}:?\d{2}$/;

/** `ms` truncated to the millisecond (so 00:14:59.9999 stays in the 00:00 window); `us` keeps microseconds. */
export type UtcDate = { ms: number; us: number } | { reason: string };

/** A FITS date-time as a UTC instant, or the reason it is not one. */
export function parseUtcDate(text: string): UtcDate {
	const value = text.trim();
	const bad = (why: string) => ({ reason: `DATE-OBS "${text}" is not a valid UTC date: ${why}` });
	if (DATE_ONLY.test(value)) return bad('it has no time of day; expected YYYY-MM-DDThh:mm:ss[.fff]');
	if (WITH_OFFSET.test(value)) {
		return bad('it carries a time-zone offset; FITS dates are UTC, written without an offset (or with Z)');
	}
	const m = DATE_TIME.exec(value);
	if (!m) return bad('expected ISO 8601 YYYY-MM-DDThh:mm:ss[.fff] in UTC');
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
	const fraction = m[7] ?? '';
	if (month < 1 || month > 12) return bad(`month ${m[2]} is not 01-12`);
	const daysInMonth = daysIn(year, month);
	if (day < 1 || day > daysInMonth) return bad(`day ${m[3]} is not in 01-${daysInMonth}`);
	if (hour > 23) return bad(`hour ${m[4]} is not 00-23`);
	if (minute > 59) return bad(`minute ${m[5]} is not 00-59`);
	if (second === 60 && hour === 23 && minute === 59) {
		// A leap second belongs to the day it ends: keep it in that day's last window.
		const ms = utc(year, month, day, 23, 59, 59) + 999;
		return { ms, us: ms * 1000 + 999 };
	}
	if (second > 59) return bad(`second ${m[6]} is not 00-59 (60 only as a leap second at 23:59)`);
	const base = utc(year, month, day, hour, minute, second);
	const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
	return { ms: base + Math.floor(micros / 1000), us: base * 1000 + micros };
}

function daysIn(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
	const date = new Date(0);
	// setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, 0);
	return date.getTime();
}
