// Triangle invariants (astroalign's scheme, as src/lib/stacking/match builds them): every triangle
// among each star's NEIGHBOURS nearest, vertices in canonical order (v0 faces the shortest side, v2
// the longest), described by the side ratios shortest/longest and middle/longest, the longest side
// (the scale is known, so it must agree too) and the orientation (which tells the parity).
// Binned on a grid of invariants INV_TOL wide, so a query looks at 3 x 3 bins.

import { INV_TOL, MIN_SIDE, NEIGHBOURS } from './constants';
import { pointAt } from './points';

/** v0, v1, v2 (i32 positions in the point list), orientation (i32 ±1), inv0, inv1, longest (f64). */
export const TRI_BYTES: usize = 40;
/** Bins per invariant axis. */
export const BINS: i32 = <i32>Math.floor(1.0 / INV_TOL);

/** Triangles a list of n points can give at most. */
export function maxTriangles(n: i32): i32 {
	return n * ((NEIGHBOURS * (NEIGHBOURS - 1) * (NEIGHBOURS - 2)) / 6);
}

/** Bytes of the scratch `buildTriangles` needs for n points: the seen-bitset and the neighbour list. */
export function triangleScratchBytes(n: i32): usize {
	return ((<usize>n * <usize>n * <usize>n + 63) >> 3) + <usize>NEIGHBOURS * 16;
}

// @ts-ignore: decorator
@inline function d2(p: usize, i: i32, j: i32): f64 {
	const a = pointAt(p, i);
	const b = pointAt(p, j);
	const dx = load<f64>(a) - load<f64>(b);
	const dy = load<f64>(a, 8) - load<f64>(b, 8);
	return dx * dx + dy * dy;
}

/** The NEIGHBOURS nearest of point i (itself first; ties by position) into hood: (d2 f64, j i32) x k. Returns k. */
function neighbours(p: usize, n: i32, i: i32, hood: usize): i32 {
	let k = 0;
	for (let j = 0; j < n; j++) {
		const d = d2(p, i, j);
		if (k == NEIGHBOURS && d >= load<f64>(hood + <usize>(k - 1) * 16)) continue;
		let at = k < NEIGHBOURS ? k : k - 1;
		while (at > 0 && load<f64>(hood + <usize>(at - 1) * 16) > d) {
			memory.copy(hood + <usize>at * 16, hood + <usize>(at - 1) * 16, 16);
			at--;
		}
		store<f64>(hood + <usize>at * 16, d);
		store<i32>(hood + <usize>at * 16, j, 8);
		if (k < NEIGHBOURS) k++;
	}
	// the members in ascending position, so each triangle has one key
	for (let a = 1; a < k; a++) {
		const v = load<i32>(hood + <usize>a * 16, 8);
		let b = a - 1;
		while (b >= 0 && load<i32>(hood + <usize>b * 16, 8) > v) {
			store<i32>(hood + <usize>(b + 1) * 16, load<i32>(hood + <usize>b * 16, 8), 8);
			b--;
		}
		store<i32>(hood + <usize>(b + 1) * 16, v, 8);
	}
	return k;
}

/** Writes triangle (i, j, k) in canonical order at t; false when a side is below MIN_SIDE or it is flat. */
function arrange(p: usize, i: i32, j: i32, k: i32, t: usize): bool {
	// each vertex with the squared side facing it, sorted by (side, vertex)
	let s0 = d2(p, j, k);
	let s1 = d2(p, i, k);
	let s2 = d2(p, i, j);
	let v0 = i;
	let v1 = j;
	let v2 = k;
	if (s1 < s0 || (s1 == s0 && v1 < v0)) { const s = s0; s0 = s1; s1 = s; const v = v0; v0 = v1; v1 = v; }
	if (s2 < s1 || (s2 == s1 && v2 < v1)) { const s = s1; s1 = s2; s2 = s; const v = v1; v1 = v2; v2 = v; }
	if (s1 < s0 || (s1 == s0 && v1 < v0)) { const s = s0; s0 = s1; s1 = s; const v = v0; v0 = v1; v1 = v; }
	if (s0 < MIN_SIDE * MIN_SIDE) return false;
	const a = pointAt(p, v0);
	const b = pointAt(p, v1);
	const c = pointAt(p, v2);
	const cross = (load<f64>(b) - load<f64>(a)) * (load<f64>(c, 8) - load<f64>(a, 8)) - (load<f64>(b, 8) - load<f64>(a, 8)) * (load<f64>(c) - load<f64>(a));
	if (cross == 0) return false;
	const longest = Math.sqrt(s2);
	store<i32>(t, v0);
	store<i32>(t, v1, 4);
	store<i32>(t, v2, 8);
	store<i32>(t, cross > 0 ? 1 : -1, 12);
	store<f64>(t, Math.sqrt(s0) / longest, 16);
	store<f64>(t, Math.sqrt(s1) / longest, 24);
	store<f64>(t, longest, 32);
	return true;
}

/** Every distinct triangle among each point's neighbourhood, at out (TRI_BYTES each). scratch:
 * triangleScratchBytes(n). Returns the count. */
export function buildTriangles(p: usize, n: i32, scratch: usize, out: usize): i32 {
	const seen = scratch;
	const bits = <usize>n * <usize>n * <usize>n;
	const hood = scratch + ((bits + 63) >> 3);
	memory.fill(seen, 0, (bits + 63) >> 3);
	let count = 0;
	for (let i = 0; i < n; i++) {
		const k = neighbours(p, n, i, hood);
		for (let a = 0; a < k; a++) {
			const ia = load<i32>(hood + <usize>a * 16, 8);
			for (let b = a + 1; b < k; b++) {
				const ib = load<i32>(hood + <usize>b * 16, 8);
				for (let c = b + 1; c < k; c++) {
					const ic = load<i32>(hood + <usize>c * 16, 8);
					const key = (<usize>ia * <usize>n + <usize>ib) * <usize>n + <usize>ic;
					const word = seen + ((key >> 5) << 2);
					const bit = <u32>1 << <u32>(key & 31);
					const w = load<u32>(word);
					if (w & bit) continue;
					store<u32>(word, w | bit);
					if (arrange(p, ia, ib, ic, out + <usize>count * TRI_BYTES)) count++;
				}
			}
		}
	}
	return count;
}

// @ts-ignore: decorator
@inline export function binAxis(v: f64): i32 {
	const b = <i32>(v * <f64>BINS);
	return b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
}

/** Counting sort of the triangles into invariant bins: start (BINS² + 1 i32) and order (n i32,
 * triangle numbers, ascending within a bin). */
export function binTriangles(t: usize, n: i32, start: usize, order: usize): void {
	const nb = BINS * BINS;
	memory.fill(start, 0, <usize>(nb + 1) << 2);
	for (let i = 0; i < n; i++) {
		const e = t + <usize>i * TRI_BYTES;
		const b = binAxis(load<f64>(e, 16)) * BINS + binAxis(load<f64>(e, 24));
		const at = start + (<usize>(b + 1) << 2);
		store<i32>(at, load<i32>(at) + 1);
	}
	for (let b = 0; b < nb; b++) {
		const at = start + (<usize>(b + 1) << 2);
		store<i32>(at, load<i32>(at) + load<i32>(at - 4));
	}
	// place, then shift the starts back (each bin's cursor ends at the next bin's start)
	for (let i = 0; i < n; i++) {
		const e = t + <usize>i * TRI_BYTES;
		const b = binAxis(load<f64>(e, 16)) * BINS + binAxis(load<f64>(e, 24));
		const at = start + (<usize>b << 2);
		const slot = load<i32>(at);
		store<i32>(order + (<usize>slot << 2), i);
		store<i32>(at, slot + 1);
	}
	for (let b = nb; b > 0; b--) store<i32>(start + (<usize>b << 2), load<i32>(start + (<usize>(b - 1) << 2)));
	store<i32>(start, 0);
}
