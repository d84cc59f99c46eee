/** How the Stacks pages write exposures, time spans and positions. Always UTC. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Seconds as "40 s", "12 min 30 s", "2 h 05 min". */
export function formatExposure(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '—';
	const s = Math.round(seconds);
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
	return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

function day(d: Date): string {
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function clock(d: Date): string {
	return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** "27 Mar 2025, 05:45–05:46 UTC" (or two dates when the span crosses midnight). */
export function formatSpan(start: string | null, end: string | null): string {
	if (!start) return 'time unknown';
	const a = new Date(start);
	const b = end ? new Date(end) : a;
	if (day(a) === day(b)) return `${day(a)}, ${clock(a)}–${clock(b)} UTC`;
	return `${day(a)} ${clock(a)} – ${day(b)} ${clock(b)} UTC`;
}

/** RA in hours and minutes, Dec in signed degrees: "12h 52m, +41.1°". */
export function formatPosition(ra: number | null, dec: number | null): string {
	if (ra === null || dec === null) return 'position unknown';
	const minutes = Math.round((ra / 15) * 60);
	const h = Math.floor(minutes / 60) % 24;
	return `${h}h ${String(minutes % 60).padStart(2, '0')}m, ${dec >= 0 ? '+' : '−'}${Math.abs(dec).toFixed(1)}°`;
}

export function objectName(object: string | null): string {
	return object?.trim() || 'Unnamed field';
}
