/** Dates and times as pages show them. Always UTC, so server and browser render the same text. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'UTC'
});
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDate(date: Date): string {
	return dateFormat.format(date);
}

export function formatDateTime(date: Date): string {
	return `${dateTimeFormat.format(date)} UTC`;
}

/** "2024-07-30 22:44:36". */
export function formatUtc(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "22:44:36". */
export function formatUtcTime(ms: number): string {
	return formatUtc(ms).slice(11);
}

function day(d: Date): string {
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function clock(d: Date): string {
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "27 Mar 2025, 05:45–05:46 UTC" (or two dates when the span crosses midnight), from ISO strings. */
export function formatSpan(start: string | null, end: string | null): string {
	if (!start) return 'time unknown';
	const a = new Date(start);
	const b = end ? new Date(end) : a;
	if (day(a) === day(b)) return `${day(a)}, ${clock(a)}–${clock(b)} UTC`;
	return `${day(a)} ${clock(a)} – ${day(b)} ${clock(b)} UTC`;
}
