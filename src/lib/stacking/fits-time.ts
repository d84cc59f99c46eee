/**
 * FITS dates (`DATE-OBS`) to and from microseconds since 1970 UTC. Seestar frames carry
 * microseconds, which `Date` would drop; integers of microseconds stay exact in a double.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(Z)?$/;

/** Microseconds since 1970-01-01T00:00:00 UTC, or undefined if `text` is not a FITS ISO date. */
export function parseFitsDate(text: string | undefined): number | undefined {
	const m = text === undefined ? null : ISO.exec(text.trim());
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
	const micros = Math.round(Number(`0.${m[7] ?? '0'}`) * 1e6);
	return Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` (UTC, as FITS writes it: no zone suffix). */
export function formatFitsDate(micros: number): string {
	const us = Math.round(micros);
	const ms = Math.floor(us / 1000);
	const date = new Date(ms).toISOString().slice(0, 19);
	const fraction = String(us - Math.floor(us / 1e6) * 1e6).padStart(6, '0');
	return `${date}.${fraction}`;
}
