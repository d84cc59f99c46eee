/**
 * How the catalogue is cut: HEALPix RING pixels at nside 16 (3,072 tiles of about 3.7°, some
 * 420 stars and 6 KB each from index 4108). A Seestar field (0.7° × 1.3°) and its pointing's error
 * fit in the tile of the pointing and its neighbours: typically 4 to 9 tiles, 25–55 KB.
 */
import { healpixRing, healpixRingCentre } from '../chunks/healpix';
import { separationDeg } from '../chunks/pointing';

export const CATALOG_NSIDE = 16;

export function tileOf(ra: number, dec: number, nside = CATALOG_NSIDE): number {
	return healpixRing(nside, ra, dec);
}

/**
 * Every tile that may hold a point within `radius` degrees of (ra, dec): those whose centre lies
 * within radius + the largest centre-to-corner distance of a pixel. A few more tiles than needed,
 * never one too few.
 */
export function tilesNear(ra: number, dec: number, radius: number, nside = CATALOG_NSIDE): number[] {
	if (!(radius >= 0 && radius <= 180)) throw new RangeError(`cone radius ${radius}° must be in [0, 180]`);
	const reach = radius + maxPixelRadius(nside);
	const tiles: number[] = [];
	for (let pix = 0; pix < 12 * nside * nside; pix++) {
		const c = healpixRingCentre(nside, pix);
		if (separationDeg(ra, dec, c.ra, c.dec) <= reach) tiles.push(pix);
	}
	return tiles;
}

/**
 * The largest distance, degrees, from a pixel's centre to its corners (the HEALPix C++ library's
 * max_pixrad): from the first equatorial ring's vertex to the corner of the polar cap's last ring.
 */
export function maxPixelRadius(nside: number): number {
	const a = unit(2 / 3, Math.PI / (4 * nside));
	const t = (1 - 1 / nside) ** 2;
	const b = unit(1 - t / 3, 0);
	const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	const cross = Math.hypot(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
	return (Math.atan2(cross, dot) * 180) / Math.PI;
}

function unit(z: number, phi: number): [number, number, number] {
	const s = Math.sqrt((1 - z) * (1 + z));
	return [s * Math.cos(phi), s * Math.sin(phi), z];
}
