/**
 * B−V for the catalogue's stars from Stellarium's star files: each index star takes the colour of
 * the nearest Stellarium star within MATCH_ARCSEC whose V is within MATCH_MAG of its VT (VT − V
 * is under 0.3 mag for B−V below 2; a larger gap is another star). Stellarium's files reach
 * V 10.5, the index VT 12.4: the fainter stars have no colour (NO_COLOUR).
 */
import type { IndexStars } from './index-file';
import type { StellariumStars } from './stellarium/star-file';
import { NO_COLOUR } from './tile-format';

/** Positions of both come from Hipparcos/Tycho-2 at J2000; 3″ leaves room for proper motions. */
export const MATCH_ARCSEC = 3;
export const MATCH_MAG = 0.5;

/** The Stellarium B−V index of each index row, NO_COLOUR where none matched. Deterministic. */
export function matchColours(stars: IndexStars, files: StellariumStars[]): Uint8Array {
	const ra = concat(files.map((f) => f.ra));
	const dec = concat(files.map((f) => f.dec));
	const mag = concat(files.map((f) => f.mag));
	const bv = new Uint8Array(ra.length);
	let at = 0;
	for (const f of files) {
		bv.set(f.bvIndex, at);
		at += f.count;
	}
	const order = Uint32Array.from(dec.keys()).sort((a, b) => dec[a] - dec[b] || a - b);
	const sortedDec = Float64Array.from(order, (i) => dec[i]);
	const tolDeg = MATCH_ARCSEC / 3600;
	const out = new Uint8Array(stars.count).fill(NO_COLOUR);
	for (let row = 0; row < stars.count; row++) {
		const d0 = stars.dec[row];
		const cosDec = Math.cos((d0 * Math.PI) / 180);
		let best = -1;
		let bestSep = Infinity;
		for (let k = lowerBound(sortedDec, d0 - tolDeg); k < order.length && sortedDec[k] <= d0 + tolDeg; k++) {
			const j = order[k];
			if (Math.abs(mag[j] - stars.vt[row]) > MATCH_MAG) continue;
			const dra = (((ra[j] - stars.ra[row] + 540) % 360) - 180) * cosDec;
			const sep = Math.hypot(dra, dec[j] - d0);
			if (sep <= tolDeg && (sep < bestSep || (sep === bestSep && j < best))) [best, bestSep] = [j, sep];
		}
		if (best >= 0) out[row] = bv[best];
	}
	return out;
}

function concat(parts: ArrayLike<number>[]): Float64Array {
	const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function lowerBound(sorted: Float64Array, value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
