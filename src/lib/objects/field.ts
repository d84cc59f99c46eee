import type { SkyObject } from './types';

const RAD = Math.PI / 180;

/** Angular distance in degrees between two J2000 positions (haversine: exact at small angles). */
export function separationDeg(ra1: number, dec1: number, ra2: number, dec2: number): number {
	const s = Math.sin(((dec2 - dec1) * RAD) / 2) ** 2 + Math.cos(dec1 * RAD) * Math.cos(dec2 * RAD) * Math.sin(((ra2 - ra1) * RAD) / 2) ** 2;
	return (2 * Math.asin(Math.min(1, Math.sqrt(s)))) / RAD;
}

/**
 * The objects whose position lies within `radiusDeg` of (ra, dec), nearest first. Brute force:
 * 14,000 objects take well under a millisecond, so a sky grid would only add code.
 */
export function objectsInField(objects: readonly SkyObject[], ra: number, dec: number, radiusDeg: number): SkyObject[] {
	return objects
		.map((o) => ({ o, d: separationDeg(ra, dec, o.ra, o.dec) }))
		.filter(({ d }) => d <= radiusDeg)
		.sort((a, b) => a.d - b.d)
		.map(({ o }) => o);
}
