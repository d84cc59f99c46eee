/**
 * FITS dates (`DATE-OBS`) to and from microseconds since 1970 UTC. Seestar frames carry
 * microseconds, which `Date` would drop; integers of microseconds stay exact in a double.
 */
import { parseUtcDate } from '../chunks/utc-date';

/** Microseconds since 1970-01-01T00:00:00 UTC, or undefined if `text` is not a valid FITS UTC date. */
export function parseFitsDate(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const date = parseUtcDate(text);
	return 'us' in date ? date.us : undefined;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` (UTC, as FITS writes it: no zone suffix). */
export function formatFitsDate(micros: number): string {
	const us = Math.round(micros);
	const ms = Math.floor(us / 1000);
	const date = new Date(ms).toISOString().slice(0, 19);
	const fraction = String(us - Math.floor(us / 1e6) * 1e6).padStart(6, '0');
	return `${date}.${fraction}`;
}
