// The kernel's WASM ABI and memory layout: the exports' signatures, the codes they take, and the
// bump layout of every buffer from the heap base (described in wasm-stacker/README.md).
import type { CombineMethod, FramePixels } from '../types';

/** Hot pixel: above the same-colour neighbours' median by COSMETIC_K noise and COSMETIC_RATIO times
 * any rise of its direct neighbours (see wasm-stacker/assembly/cosmetic.ts). */
export const COSMETIC_K = 6;
export const COSMETIC_RATIO = 4;
/** Local maxima kept for measuring, at most. */
export const CANDIDATE_CAP = 65536;
export const METHODS: Record<CombineMethod, number> = { auto: 0, mean: 1, median: 2, clip: 3 };
export const COLOUR: Record<string, number> = { R: 0, G: 1, B: 2 };
const PAGE = 65536;

export interface Exports {
	memory: WebAssembly.Memory;
	MAX_SAMPLES: WebAssembly.Global;
	MARGIN: WebAssembly.Global;
	STAR_FIELDS: WebAssembly.Global;
	heapBase(): number;
	decode(src: number, dst: number, count: number, bitpix: number, bzero: number, bscale: number): void;
	cosmetic(src: number, dst: number, width: number, rows: number, step: number, k: number, ratio: number, ring: number): number;
	demosaicLuminance(src: number, lum: number, width: number, rows: number, c00: number, c10: number, c01: number, c11: number): void;
	demosaicMhc(src: number, r: number, g: number, b: number, width: number, rows: number, c00: number, c10: number, c01: number, c11: number): void;
	mono(src: number, r: number, g: number, b: number, count: number): void;
	background(plane: number, width: number, rows: number, scratch: number, out: number): void;
	luminance(r: number, g: number, b: number, dst: number, count: number): void;
	smooth(src: number, dst: number, tmp: number, width: number, rows: number): void;
	detect(sm: number, cfa: number, width: number, rows: number, level: number, sat: number, margin: number, cand: number, cap: number): number;
	sortCandidates(cand: number, n: number): void;
	measure(lum: number, width: number, rows: number, y0: number, cand: number, ncand: number, maxTry: number, maxKeep: number, scratch: number, out: number): number;
	warp(...args: number[]): void;
	combine(...args: number[]): number;
	combineScratchBytes(n: number): number;
	SOLVE_PARAMS: WebAssembly.Global;
	SOLVE_OUT_FIELDS: WebAssembly.Global;
	SOLVE_PAIR_FIELDS: WebAssembly.Global;
	solve(det: number, nDet: number, cat: number, nCat: number, params: number, scratch: number, out: number): number;
	solveScratchBytes(nDet: number, nCat: number): number;
	WCS_FIELDS: WebAssembly.Global;
	pixelsToSky(wcs: number, xy: number, n: number, out: number): void;
	log10(src: number, dst: number, n: number): void;
}

/** The kernel's solve status codes, in order. */
export const SOLVE_STATUS = ['solved', 'too-few-stars', 'too-few-catalog', 'no-match', 'rejected'] as const;

/** Bump allocation of 16-byte aligned regions from the kernel's heap base, redone per call. */
export class Layout {
	end: number;
	constructor(base: number) {
		this.end = base;
	}
	take(bytes: number): number {
		const at = this.end;
		this.end = Math.ceil((at + bytes) / 16) * 16;
		return at;
	}
}

/** Per-frame buffers of the decode -> cosmetic -> demosaic chain for `pixels` mosaic pixels. */
export interface FrameRegions {
	raw: number;
	cfa: number;
	clean: number;
	r: number;
	g: number;
	b: number;
	ring: number;
}

export function frameRegions(l: Layout, pixels: number, rawBytes: number): FrameRegions {
	// Each buffer of the chain is dead before the one laid over it is written: the file's bytes (read
	// by decode alone) under g and b, the decoded mosaic (read by cosmetic alone) under r. Three planes
	// fewer than one region each: 12 MB of a full frame's analysis, in every kernel for good.
	const cfa = l.take(pixels * 4);
	const clean = l.take(pixels * 4);
	const g = l.take(pixels * 4);
	const b = l.take(Math.max(pixels * 4, rawBytes - (l.end - g)));
	return { raw: g, cfa, clean, r: cfa, g, b, ring: l.take(64) };
}

/** Plane stride (pixels) of the band's stack, padded with NaN (not covered) after the plane's pixels:
 * a multiple of 4, as combine takes 4 pixels at a time; and 17 cache lines modulo 4 KiB, because
 * combine reads all 3 x frames planes in step, and planes a multiple of 4 KiB apart (a full Seestar
 * frame is) share cache sets and evict each other (twice the time at 90 frames). */
export function paddedPlane(plane: number): number {
	let stride = Math.ceil(plane / 4) * 4;
	while ((stride * 4) % 4096 !== 17 * 64) stride += 4;
	return stride;
}

export function rowBytes(px: FramePixels): number {
	return (px.width * Math.abs(px.bitpix)) / 8;
}

/** Grows the memory (whole pages) so that bytes [0, end) exist. */
export function ensureMemory(memory: WebAssembly.Memory, end: number): void {
	const have = memory.buffer.byteLength;
	if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
}
