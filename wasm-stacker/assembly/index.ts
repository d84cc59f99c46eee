// CrowdSky stacking kernel: pointer + size exports, no allocation. The wrapper
// (src/lib/stacking/kernel/) lays out every buffer from heapBase() upward and grows the memory;
// see wasm-stacker/README.md for the layout.

export { decode } from './decode';
export { cosmetic } from './cosmetic';
export { demosaicLuminance, mono } from './demosaic';
export { demosaicMhc } from './demosaic-mhc';
export { background, MAX_SAMPLES } from './background';
export { luminance, smooth, detect, sortCandidates } from './detect';
export { measure, MARGIN, STAR_FIELDS } from './centroid';
export { warp } from './warp';
export { combine, combineScratchBytes, METHOD_AUTO, METHOD_MEAN, METHOD_MEDIAN, METHOD_CLIP } from './combine';

/** First free byte after the kernel's static data; the wrapper's buffers start here (16-aligned). */
export function heapBase(): usize {
	return (__heap_base + 15) & ~15;
}
export { solve, SOLVE_PARAMS } from './solve/widen';
export { SOLVE_OUT_FIELDS, SOLVE_PAIR_FIELDS } from './solve/result';
export { solveScratchBytes } from './solve/regions';
export { pixelsToSky, WCS_FIELDS } from './sky/pixels-to-sky';
export { log10 } from './sky/log10';
