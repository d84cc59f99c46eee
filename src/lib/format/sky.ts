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
