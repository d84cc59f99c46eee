// The stacking kernel's wrapper: owns the WASM memory (lays out every buffer, grows only when short,
// copies in, calls the stage exports, copies out). Runs in Node and in Web Workers: no Node imports.
// The memory layout and the stages are described in wasm-stacker/README.md.
import type { BayerPattern, Bitpix } from '../fits/image';

export type { BayerPattern, Bitpix } from '../fits/image';
/** `[a, b, c, d, e, f]`: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];

export interface Star {
	x: number;
	y: number;
	/** Flux of the fitted Gaussian above the local background. */
	flux: number;
	/** Brightest pixel of the 3x3 around the centre above the local background. */
	peak: number;
	/** 2.3548 * sqrt(a * b), pixels. */
	fwhm: number;
	/** RMS widths along the major and minor axes (Gaussian sigmas), pixels. */
	a: number;
	b: number;
	/** Major axis angle from +x towards +y, degrees in (-90, 90]. */
	theta: number;
}

export interface FramePixels {
	/** Big-endian pixel bytes for rows [y0, y0 + rows). */
	data: Uint8Array;
	y0: number;
	rows: number;
	/** Full frame size. */
	width: number;
	height: number;
	bitpix: Bitpix;
	bzero: number;
	bscale: number;
	/** Storage order; null = mono. */
	bayer: BayerPattern | null;
}

export interface FrameAnalysis {
	width: number;
	height: number;
	/** Per channel R, G, B (mono: three equal). */
	background: [number, number, number];
	/** Robust sigma per channel of the demosaicked planes. */
	noise: [number, number, number];
	/** Pixels replaced by the cosmetic correction. */
	hotPixels: number;
	/** Brightest (by flux) first, at most maxStars. */
	stars: Star[];
	/** ms per stage: decode, cosmetic, demosaic, background, stars. */
	timings: Record<string, number>;
}

export interface BandFrame {
	/** Must cover sourceRows(refToFrame, ...) of the band. */
	pixels: FramePixels;
	/** Output (reference) pixel -> this frame's pixel. */
	refToFrame: Affine;
	/** Normalisation: v' = (v - offset[c]) * scale[c] + target[c]. */
	scale: [number, number, number];
	offset: [number, number, number];
	target: [number, number, number];
	/** Combine weight (> 0). */
	weight: number;
	/** This frame's noise per channel before normalisation (FrameAnalysis.noise). Optional: it sets
	 * the floor of the rejection sigma, which keeps few-frame stacks from rejecting good samples. */
	noise?: [number, number, number];
}

export interface BandResult {
	/** rows * width each, the combined band; NaN where no frame covers a pixel. */
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
	/** Frames that covered (and were kept at) each pixel. */
	coverage: Uint16Array;
	/** Samples rejected in this band. */
	rejected: number;
}

/** 'auto': clip from 3 frames on, mean below. 'clip': median-centred kappa-sigma clipping with a noise
 * floor, then weighted mean. 'mean': weighted mean. 'median': per-channel median. */
export type CombineMethod = 'auto' | 'mean' | 'median' | 'clip';
export interface CombineOptions {
	method?: CombineMethod;
	/** Rejection threshold in sigmas (default 3). */
	kappa?: number;
}
export interface AnalyseOptions {
	/** Default 200. */
	maxStars?: number;
	/** Detection threshold in sigmas of the smoothed luminance (default 5). */
	detectSigma?: number;
}

/** Hot pixel: above the same-colour neighbours' median by COSMETIC_K noise and COSMETIC_RATIO times
 * any rise of its direct neighbours (see wasm-stacker/assembly/cosmetic.ts). */
const COSMETIC_K = 6;
const COSMETIC_RATIO = 4;
const DEFAULT_MAX_STARS = 200;
const DEFAULT_DETECT_SIGMA = 5;
const DEFAULT_KAPPA = 3;
/** Local maxima kept for measuring, at most. */
const CANDIDATE_CAP = 65536;
/** Mosaic pixels at or above this share of the largest storable value count as saturated. */
const SATURATION_SHARE = 0.95;
/** Source rows a warped row needs beyond its bicubic taps: cosmetic (3) + demosaic (1) + 1 of slack for
 * the last bit of the affine. */
const ROW_MARGIN = 5;
const BITPIX: readonly Bitpix[] = [8, 16, 32, -32, -64];
const PATTERNS: readonly BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];
const METHODS: Record<CombineMethod, number> = { auto: 0, mean: 1, median: 2, clip: 3 };
const COLOUR: Record<string, number> = { R: 0, G: 1, B: 2 };
const PAGE = 65536;

interface Exports {
	memory: WebAssembly.Memory;
	MAX_SAMPLES: WebAssembly.Global;
	MARGIN: WebAssembly.Global;
	STAR_FIELDS: WebAssembly.Global;
	heapBase(): number;
	decode(src: number, dst: number, count: number, bitpix: number, bzero: number, bscale: number): void;
	cosmetic(src: number, dst: number, width: number, rows: number, step: number, k: number, ratio: number, ring: number): number;
	demosaic(src: number, r: number, g: number, b: number, width: number, rows: number, c00: number, c10: number, c01: number, c11: number): void;
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
}

/** Bump allocation of 16-byte aligned regions from the kernel's heap base, redone per call. */
class Layout {
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
interface FrameRegions {
	raw: number;
	cfa: number;
	clean: number;
	r: number;
	g: number;
	b: number;
	ring: number;
}

function frameRegions(l: Layout, pixels: number, rawBytes: number): FrameRegions {
	return {
		raw: l.take(rawBytes),
		cfa: l.take(pixels * 4),
		clean: l.take(pixels * 4),
		r: l.take(pixels * 4),
		g: l.take(pixels * 4),
		b: l.take(pixels * 4),
		ring: l.take(64)
	};
}

export class Kernel {
	private readonly x: Exports;
	private readonly base: number;
	private readonly maxSamples: number;
	private readonly margin: number;
	private readonly starFields: number;

	constructor(instance: WebAssembly.Instance) {
		this.x = instance.exports as unknown as Exports;
		this.base = this.x.heapBase();
		this.maxSamples = this.x.MAX_SAMPLES.value as number;
		this.margin = this.x.MARGIN.value as number;
		this.starFields = this.x.STAR_FIELDS.value as number;
	}

	analyse(frame: FramePixels, opts: AnalyseOptions = {}): FrameAnalysis {
		checkFrame(frame, 'analyse');
		const maxStars = opts.maxStars ?? DEFAULT_MAX_STARS;
		const detectSigma = opts.detectSigma ?? DEFAULT_DETECT_SIGMA;
		if (!Number.isInteger(maxStars) || maxStars < 1) throw new RangeError(`maxStars must be a positive integer, got ${maxStars}`);
		if (!(detectSigma > 0)) throw new RangeError(`detectSigma must be positive, got ${detectSigma}`);
		const { width, rows } = frame;
		const n = width * rows;
		const x = this.x;
		const timings: Record<string, number> = {};
		let t = performance.now();
		const lap = (stage: string) => {
			const now = performance.now();
			timings[stage] = now - t;
			t = now;
		};

		const l = new Layout(this.base);
		const f = frameRegions(l, n, rowBytes(frame) * rows);
		const lum = l.take(n * 4);
		const sm = l.take(n * 4);
		const samples = l.take(this.maxSamples * 12);
		const stats = l.take(4 * 8);
		const cand = l.take(CANDIDATE_CAP * 8);
		const out = l.take(maxStars * this.starFields * 8);
		this.ensure(l.end);

		this.decodeRows(frame, frame.y0, rows, f.raw, f.cfa);
		lap('decode');
		const hotPixels = x.cosmetic(f.cfa, f.clean, width, rows, frame.bayer ? 2 : 1, COSMETIC_K, COSMETIC_RATIO, f.ring);
		lap('cosmetic');
		this.demosaicRows(frame.bayer, frame.y0, width, rows, f);
		lap('demosaic');
		const background: [number, number, number] = [0, 0, 0];
		const noise: [number, number, number] = [0, 0, 0];
		[f.r, f.g, f.b].forEach((plane, c) => {
			x.background(plane, width, rows, samples, stats);
			[background[c], noise[c]] = this.f32(stats, 2);
		});
		lap('background');
		x.luminance(f.r, f.g, f.b, lum, n);
		x.smooth(lum, sm, f.cfa, width, rows);
		x.background(sm, width, rows, samples, stats);
		const [skyS, sigmaS] = this.f32(stats, 2);
		// a noiseless frame (synthetic) has sigma 0: any rise above the sky is then a detection
		const level = skyS + Math.max(detectSigma * sigmaS, 1e-6 * Math.abs(skyS), 1e-30);
		const ncand = x.detect(sm, f.clean, width, rows, level, saturationLevel(frame), this.margin, cand, CANDIDATE_CAP);
		x.sortCandidates(cand, ncand);
		const kept = x.measure(lum, width, rows, frame.y0, cand, ncand, 8 * maxStars, maxStars, samples, out);
		const stars = this.readStars(out, kept);
		lap('stars');
		return { width, height: frame.height, background, noise, hotPixels, stars, timings };
	}

	/** Source rows [s0, s1) of a frame of height `height` that output rows [y0, y0 + rows) of width
	 * `width` need through refToFrame, with the margins of interpolation, demosaic and cosmetic
	 * correction; clamped to the frame. [0, 0] when the band misses the frame. */
	sourceRows(refToFrame: Affine, y0: number, rows: number, width: number, height: number): [number, number] {
		const [, , , d, e, f] = refToFrame;
		let lo = Infinity;
		let hi = -Infinity;
		for (const x of [0, width - 1]) {
			for (const y of [y0, y0 + rows - 1]) {
				const sy = d * x + (e * y + f);
				lo = Math.min(lo, sy);
				hi = Math.max(hi, sy);
			}
		}
		if (!(hi >= 0 && lo <= height - 1)) return [0, 0];
		const s0 = Math.max(0, Math.floor(lo) - 1 - ROW_MARGIN);
		const s1 = Math.min(height, Math.floor(hi) + 3 + ROW_MARGIN);
		return [s0, s1];
	}

	combineBand(y0: number, rows: number, width: number, frames: BandFrame[], opts: CombineOptions = {}): BandResult {
		if (!Number.isInteger(y0) || y0 < 0) throw new RangeError(`band y0 must be a non-negative integer, got ${y0}`);
		if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`band rows must be a positive integer, got ${rows}`);
		if (!Number.isInteger(width) || width < 1) throw new RangeError(`band width must be a positive integer, got ${width}`);
		const method = METHODS[opts.method ?? 'auto'];
		if (method === undefined) throw new RangeError(`combine method ${String(opts.method)} is not supported; supported: ${Object.keys(METHODS).join(', ')}`);
		const kappa = opts.kappa ?? DEFAULT_KAPPA;
		if (!(kappa > 0)) throw new RangeError(`kappa must be positive, got ${kappa}`);
		const x = this.x;
		const plane = rows * width;
		const stride = paddedPlane(plane);
		const nf = frames.length;
		const spans = frames.map((bf, i) => this.checkBandFrame(bf, i, y0, rows, width));
		const mostPixels = Math.max(0, ...spans.map(([s0, s1], i) => (s1 - s0) * frames[i].pixels.width));
		const mostBytes = Math.max(0, ...spans.map(([s0, s1], i) => (s1 - s0) * rowBytes(frames[i].pixels)));

		const l = new Layout(this.base);
		const f = frameRegions(l, mostPixels, mostBytes);
		const stack = l.take(nf * 3 * stride * 4);
		const weights = l.take(nf * 4);
		const outR = l.take(stride * 4);
		const outG = l.take(stride * 4);
		const outB = l.take(stride * 4);
		const cov = l.take(stride * 2);
		const scratch = l.take(x.combineScratchBytes(nf));
		this.ensure(l.end);

		frames.forEach((bf, i) => {
			const slot = stack + i * 3 * stride * 4;
			const [s0, s1] = spans[i];
			if (s1 <= s0) {
				new Float32Array(x.memory.buffer, slot, 3 * stride).fill(NaN);
				return;
			}
			const px = bf.pixels;
			this.decodeRows(px, s0, s1 - s0, f.raw, f.cfa);
			x.cosmetic(f.cfa, f.clean, px.width, s1 - s0, px.bayer ? 2 : 1, COSMETIC_K, COSMETIC_RATIO, f.ring);
			this.demosaicRows(px.bayer, s0, px.width, s1 - s0, f);
			const { refToFrame: t, offset: o, scale: s, target: g } = bf;
			x.warp(f.r, f.g, f.b, px.width, s1 - s0, s0, px.height, slot, stride, width, y0, rows,
				t[0], t[1], t[2], t[3], t[4], t[5], o[0], o[1], o[2], s[0], s[1], s[2], g[0], g[1], g[2]);
			for (let c = 0; c < 3; c++) new Float32Array(x.memory.buffer, slot + (c * stride + plane) * 4, stride - plane).fill(NaN);
		});
		new Float32Array(x.memory.buffer, weights, nf).set(frames.map((bf) => bf.weight));
		const floor = [0, 1, 2].map((c) => noiseFloor(frames, c));
		const rejected = x.combine(stack, nf, stride, weights, floor[0], floor[1], floor[2], kappa, method, outR, outG, outB, cov, scratch);
		const buf = x.memory.buffer;
		return {
			r: new Float32Array(buf, outR, plane).slice(),
			g: new Float32Array(buf, outG, plane).slice(),
			b: new Float32Array(buf, outB, plane).slice(),
			coverage: new Uint16Array(buf, cov, plane).slice(),
			rejected
		};
	}

	memoryBytes(): number {
		return this.x.memory.buffer.byteLength;
	}

	/** Grows the memory (whole pages) so that bytes [0, end) exist. */
	private ensure(end: number): void {
		const have = this.x.memory.buffer.byteLength;
		if (end > have) this.x.memory.grow(Math.ceil((end - have) / PAGE));
	}

	/** Copies frame rows [s0, s0 + count) in and decodes them to f32 at cfa. */
	private decodeRows(px: FramePixels, s0: number, count: number, raw: number, cfa: number): void {
		const bytes = rowBytes(px);
		const from = (s0 - px.y0) * bytes;
		new Uint8Array(this.x.memory.buffer, raw, count * bytes).set(px.data.subarray(from, from + count * bytes));
		this.x.decode(raw, cfa, count * px.width, px.bitpix, px.bzero, px.bscale);
	}

	/** Cleaned mosaic (f.clean) of frame rows starting at s0 -> planes f.r, f.g, f.b. */
	private demosaicRows(bayer: BayerPattern | null, s0: number, width: number, count: number, f: FrameRegions): void {
		if (!bayer) return this.x.mono(f.clean, f.r, f.g, f.b, width * count);
		// the colours of the run's first row: an odd first row starts on the pattern's second row
		const p = s0 % 2 === 0 ? bayer : bayer.slice(2) + bayer.slice(0, 2);
		this.x.demosaic(f.clean, f.r, f.g, f.b, width, count, COLOUR[p[0]], COLOUR[p[1]], COLOUR[p[2]], COLOUR[p[3]]);
	}

	private f32(at: number, count: number): number[] {
		return Array.from(new Float32Array(this.x.memory.buffer, at, count));
	}

	private readStars(out: number, count: number): Star[] {
		const v = new Float64Array(this.x.memory.buffer, out, count * this.starFields);
		const stars: Star[] = [];
		for (let i = 0; i < count; i++) {
			const o = i * this.starFields;
			stars.push({ x: v[o], y: v[o + 1], flux: v[o + 2], peak: v[o + 3], fwhm: v[o + 4], a: v[o + 5], b: v[o + 6], theta: v[o + 7] });
		}
		return stars;
	}

	/** Validates one band frame; returns the source rows the band needs from it. */
	private checkBandFrame(bf: BandFrame, i: number, y0: number, rows: number, width: number): [number, number] {
		const px = bf.pixels;
		checkFrame(px, `combineBand frame ${i}`);
		const numbers = [...bf.refToFrame, ...bf.scale, ...bf.offset, ...bf.target];
		if (bf.refToFrame.length !== 6 || bf.scale.length !== 3 || bf.offset.length !== 3 || bf.target.length !== 3 || !numbers.every(Number.isFinite)) {
			throw new RangeError(`combineBand frame ${i}: refToFrame needs 6 and scale/offset/target 3 finite numbers each`);
		}
		if (!(bf.weight > 0)) throw new RangeError(`combineBand frame ${i}: weight must be > 0, got ${bf.weight}`);
		const [s0, s1] = this.sourceRows(bf.refToFrame, y0, rows, width, px.height);
		if (s1 > s0 && (px.y0 > s0 || px.y0 + px.rows < s1)) {
			throw new RangeError(`combineBand frame ${i}: holds rows [${px.y0}, ${px.y0 + px.rows}) but the band needs [${s0}, ${s1}) (see sourceRows)`);
		}
		return [s0, s1];
	}
}

/** Rejection floor of channel c: the median over frames of noise * |scale| (0 when no frame gives noise). */
function noiseFloor(frames: BandFrame[], c: number): number {
	const v = frames.filter((f) => f.noise).map((f) => f.noise![c] * Math.abs(f.scale[c])).filter(Number.isFinite).sort((a, b) => a - b);
	if (v.length === 0) return 0;
	const k = v.length >> 1;
	return v.length % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
}

/** Plane stride (pixels) of the band's stack, padded with NaN (not covered) after the plane's pixels:
 * a multiple of 4, as combine takes 4 pixels at a time; and 17 cache lines modulo 4 KiB, because
 * combine reads all 3 x frames planes in step, and planes a multiple of 4 KiB apart (a full Seestar
 * frame is) share cache sets and evict each other (twice the time at 90 frames). */
function paddedPlane(plane: number): number {
	let stride = Math.ceil(plane / 4) * 4;
	while ((stride * 4) % 4096 !== 17 * 64) stride += 4;
	return stride;
}

function rowBytes(px: FramePixels): number {
	return (px.width * Math.abs(px.bitpix)) / 8;
}

/** Largest physical value an integer BITPIX can store, times SATURATION_SHARE; floats never saturate. */
function saturationLevel(px: FramePixels): number {
	const top = px.bitpix === 8 ? 255 : px.bitpix === 16 ? 32767 : px.bitpix === 32 ? 2147483647 : NaN;
	if (Number.isNaN(top) || !(px.bscale > 0)) return Infinity;
	return (px.bzero + px.bscale * top) * SATURATION_SHARE;
}

function checkFrame(px: FramePixels, where: string): void {
	const { width, height, y0, rows, bitpix, bayer, data } = px;
	if (!Number.isInteger(width) || width < 8 || !Number.isInteger(height) || height < 8) {
		throw new RangeError(`${where}: frame size ${width} x ${height} is not supported; both sides must be integers >= 8`);
	}
	if (!BITPIX.includes(bitpix)) throw new RangeError(`${where}: BITPIX ${bitpix} is not supported; supported: ${BITPIX.join(', ')}`);
	if (bayer !== null && !PATTERNS.includes(bayer)) {
		throw new RangeError(`${where}: Bayer pattern ${String(bayer)} is not supported; supported: ${PATTERNS.join(', ')} or null (mono)`);
	}
	if (!Number.isFinite(px.bzero) || !Number.isFinite(px.bscale)) throw new RangeError(`${where}: BZERO ${px.bzero} / BSCALE ${px.bscale} must be finite`);
	if (!Number.isInteger(y0) || !Number.isInteger(rows) || y0 < 0 || rows < 2 || y0 + rows > height) {
		throw new RangeError(`${where}: rows [${y0}, ${y0 + rows}) must be at least 2 rows inside the frame's ${height}`);
	}
	const need = rows * rowBytes(px);
	if (!(data instanceof Uint8Array) || data.length < need) {
		throw new RangeError(`${where}: ${rows} rows of ${width} pixels at BITPIX ${bitpix} need ${need} bytes, got ${data?.length}`);
	}
}

/** Compiles (if given bytes) and instantiates the kernel once; the Kernel then owns that instance. */
export async function createKernel(wasm: WebAssembly.Module | BufferSource): Promise<Kernel> {
	const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
	const instance = await WebAssembly.instantiate(module, {});
	return new Kernel(instance);
}
