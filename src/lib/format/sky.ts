/** RA in hours and minutes, Dec in signed degrees: "12h 52m, +41.1°". */
export function formatPosition(ra: number | null, dec: number | null): string {
	if (ra === null || dec === null) return 'position unknown';
	const minutes = Math.round((ra / 15) * 60);
	const h = Math.floor(minutes / 60) % 24;
	return `${h}h ${String(minutes % 60).padStart(2, '0')}m, ${dec >= 0 ? '+' : '−'}${Math.abs(dec).toFixed(1)}°`;
}

/** A stack's OBJECT as a title; fields without one still need a name. */
export function objectName(object: string | null): string {
	return object?.trim() || 'Unnamed field';
}

/** RA and Dec to a tenth of a second of time and a second of arc: "12h 51m 00.7s, +41° 07′ 16″". */
export function formatRaDec(ra: number, dec: number): string {
	const tenths = Math.round((((ra % 360) + 360) % 360) / 15 * 36000) % (24 * 36000);
	const h = Math.floor(tenths / 36000);
	const m = Math.floor((tenths % 36000) / 600);
	const s = (tenths % 600) / 10;
	const arcsec = Math.round(Math.abs(dec) * 3600);
	const d = Math.floor(arcsec / 3600);
	const am = Math.floor((arcsec % 3600) / 60);
	const as = arcsec % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(h)}h ${two(m)}m ${s.toFixed(1).padStart(4, '0')}s, ${dec < 0 ? '−' : '+'}${two(d)}° ${two(am)}′ ${two(as)}″`;
}
