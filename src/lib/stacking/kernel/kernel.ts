// The stacking kernel's wrapper: owns the WASM memory (lays out every buffer, grows only when short,
// copies in, calls the stage exports, copies out). Runs in Node and in Web Workers: no Node imports.
import type { Wcs } from '../../wcs';
import type { AnalyseOptions, BandFrame, BandResult, BayerPattern, CombineOptions, FrameAnalysis, FramePixels, KernelSolveInput, KernelSolveOutput, Star } from '../types';
import {
	CANDIDATE_CAP,
	COLOUR,
	COSMETIC_K,
	COSMETIC_RATIO,
	ensureMemory,
	type Exports,
	frameRegions,
	type FrameRegions,
	Layout,
	METHODS,
	paddedPlane,
	rowBytes
} from './abi';
import { checkBandFrame, checkFrame } from './checks';
import { solveCall } from './solve-call';
import { log10Call, pixelsToSkyCall } from './sky-call';

const DEFAULT_MAX_STARS = 200;
const DEFAULT_DETECT_SIGMA = 5;
const DEFAULT_KAPPA = 3;
/** Mosaic pixels at or above this share of the largest storable value count as saturated. */
const SATURATION_SHARE = 0.95;

/** The buffers of one analysis: the frame chain plus the star search's, laid out before any call. */
interface AnalysisRegions {
	f: FrameRegions;
	samples: number;
	stats: number;
	cand: number;
	out: number;
}

/** The rows being analysed; their decoded pixels sit in `f.cfa`. */
interface Rows {
	width: number;
	rows: number;
	height: number;
	y0: number;
	bayer: BayerPattern | null;
	saturation: number;
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

	/** Sky, noise, hot pixels and stars of a frame's rows as the camera wrote them. */
	analyse(frame: FramePixels, opts: AnalyseOptions = {}): FrameAnalysis {
		checkFrame(frame, 'analyse');
		const { width, rows, height, y0, bayer } = frame;
		const o = starOptions(opts);
		const timer = new Laps();
		const r = this.analysisRegions(width * rows, rowBytes(frame) * rows, o.maxStars);
		this.decodeRows(frame, y0, rows, r.f.raw, r.f.cfa);
		timer.lap('decode');
		return this.findStars(r, { width, rows, height, y0, bayer, saturation: saturationLevel(frame) }, o, timer);
	}

	/** The same analysis of a mono float image already in memory (the stack's luminance): copied in
	 * as it is, with no FITS encoding to undo. */
	analysePlane(plane: Float32Array, width: number, height: number, opts: AnalyseOptions = {}): FrameAnalysis {
		if (!Number.isInteger(width) || width < 8 || !Number.isInteger(height) || height < 8 || plane.length !== width * height) {
			throw new RangeError(`analysePlane: a ${width} x ${height} plane (both sides integers >= 8) needs ${width * height} values, got ${plane.length}`);
		}
		const o = starOptions(opts);
		const timer = new Laps();
		const r = this.analysisRegions(width * height, 0, o.maxStars);
		new Float32Array(this.x.memory.buffer, r.f.cfa, plane.length).set(plane);
		timer.lap('decode');
		return this.findStars(r, { width, rows: height, height, y0: 0, bayer: null, saturation: Infinity }, o, timer);
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
		const spans = frames.map((bf, i) => checkBandFrame(bf, i, y0, rows, width));
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
		ensureMemory(x.memory, l.end);

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

	/** Plate-solves detected stars against catalogue stars (see src/lib/solve, which builds the input). */
	solve(input: KernelSolveInput): KernelSolveOutput {
		return solveCall(this.x, this.base, input);
	}

	/** (ra, dec) pairs in degrees, RA in [0, 360), of FITS pixels (x, y pairs, 1-based) through a TAN(+SIP ≤ 3) WCS. */
	pixelsToSky(wcs: Wcs, xy: Float64Array): Float64Array {
		return pixelsToSkyCall(this.x, this.base, wcs, xy);
	}

	/** log10 of every value (each finite and > 0): magnitudes and zero points in host-independent bits. */
	log10(values: Float64Array): Float64Array {
		return log10Call(this.x, this.base, values);
	}

	memoryBytes(): number {
		return this.x.memory.buffer.byteLength;
	}

	/** Lays out (and grows the memory for) the analysis of `pixels` pixels read from `rawBytes` bytes. */
	private analysisRegions(pixels: number, rawBytes: number, maxStars: number): AnalysisRegions {
		const l = new Layout(this.base);
		const f = frameRegions(l, pixels, rawBytes);
		const r = {
			f,
			samples: l.take(this.maxSamples * 12),
			stats: l.take(4 * 8),
			cand: l.take(CANDIDATE_CAP * 8),
			out: l.take(maxStars * this.starFields * 8)
		};
		ensureMemory(this.x.memory, l.end);
		return r;
	}

	/** cosmetic -> demosaic -> background -> stars, from the decoded rows in `r.f.cfa`. */
	private findStars(r: AnalysisRegions, d: Rows, { maxStars, detectSigma }: Required<AnalyseOptions>, timer: Laps): FrameAnalysis {
		const { f, samples, stats, cand, out } = r;
		const { width, rows } = d;
		const n = width * rows;
		const x = this.x;

		const hotPixels = x.cosmetic(f.cfa, f.clean, width, rows, d.bayer ? 2 : 1, COSMETIC_K, COSMETIC_RATIO, f.ring);
		timer.lap('cosmetic');
		// sky and noise of the planes the stack resamples (MHC): the noise is the combine's clipping
		// floor, and bilinear's is ~10-30 % lower, which clipped good samples; the star search then
		// runs on the bilinear demosaic's luminance, as registration was tuned
		this.demosaicRows(d.bayer, d.y0, width, rows, f);
		timer.lap('demosaic');
		const background: [number, number, number] = [0, 0, 0];
		const noise: [number, number, number] = [0, 0, 0];
		[f.r, f.g, f.b].forEach((plane, c) => {
			x.background(plane, width, rows, samples, stats);
			[background[c], noise[c]] = this.f32(stats, 2);
		});
		timer.lap('background');
		// the colour planes are spent once measured: luminance lands over red and its smoothed copy over
		// green, so an analysis needs two planes fewer (17 MB of a full frame)
		const lum = f.r;
		const sm = f.g;
		if (d.bayer) x.demosaicLuminance(f.clean, lum, width, rows, ...phaseColours(d.bayer, d.y0));
		else x.luminance(f.r, f.g, f.b, lum, n);
		timer.lap('demosaic');
		x.smooth(lum, sm, f.b, width, rows); // blue is spent, and the mosaic under lum
		x.background(sm, width, rows, samples, stats);
		const [skyS, sigmaS] = this.f32(stats, 2);
		// a noiseless frame (synthetic) has sigma 0: any rise above the sky is then a detection
		const level = skyS + Math.max(detectSigma * sigmaS, 1e-6 * Math.abs(skyS), 1e-30);
		const ncand = x.detect(sm, f.clean, width, rows, level, d.saturation, this.margin, cand, CANDIDATE_CAP);
		x.sortCandidates(cand, ncand);
		const kept = x.measure(lum, width, rows, d.y0, cand, ncand, 8 * maxStars, maxStars, samples, out);
		const stars = this.readStars(out, kept);
		timer.lap('stars');
		return { width, height: d.height, background, noise, hotPixels, stars, timings: timer.timings };
	}

	/** Copies frame rows [s0, s0 + count) in and decodes them to f32 at cfa. */
	private decodeRows(px: FramePixels, s0: number, count: number, raw: number, cfa: number): void {
		const bytes = rowBytes(px);
		const from = (s0 - px.y0) * bytes;
		new Uint8Array(this.x.memory.buffer, raw, count * bytes).set(px.data.subarray(from, from + count * bytes));
		this.x.decode(raw, cfa, count * px.width, px.bitpix, px.bzero, px.bscale);
	}

	/** Cleaned mosaic (f.clean) of frame rows starting at s0 -> planes f.r, f.g, f.b: bilinear for the
	 * star search (what registration was tuned on), gradient-corrected (MHC) for the stack's resampling. */
	/** MHC planes of the cleaned rows (a mono frame's copied thrice). */
	private demosaicRows(bayer: BayerPattern | null, s0: number, width: number, count: number, f: FrameRegions): void {
		if (!bayer) return this.x.mono(f.clean, f.r, f.g, f.b, width * count);
		this.x.demosaicMhc(f.clean, f.r, f.g, f.b, width, count, ...phaseColours(bayer, s0));
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
}

function starOptions(opts: AnalyseOptions): Required<AnalyseOptions> {
	const maxStars = opts.maxStars ?? DEFAULT_MAX_STARS;
	const detectSigma = opts.detectSigma ?? DEFAULT_DETECT_SIGMA;
	if (!Number.isInteger(maxStars) || maxStars < 1) throw new RangeError(`maxStars must be a positive integer, got ${maxStars}`);
	if (!(detectSigma > 0)) throw new RangeError(`detectSigma must be positive, got ${detectSigma}`);
	return { maxStars, detectSigma };
}

/** ms per stage since the last lap. */
class Laps {
	readonly timings: Record<string, number> = {};
	private t = performance.now();
	lap(stage: string): void {
		const now = performance.now();
		this.timings[stage] = (this.timings[stage] ?? 0) + now - this.t;
		this.t = now;
	}
}

/** Rejection floor of channel c: the median over frames of noise * |scale| (0 when no frame gives noise). */
function noiseFloor(frames: BandFrame[], c: number): number {
	const v = frames.filter((f) => f.noise).map((f) => f.noise![c] * Math.abs(f.scale[c])).filter(Number.isFinite).sort((a, b) => a - b);
	if (v.length === 0) return 0;
	const k = v.length >> 1;
	return v.length % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
}

/** Largest physical value an integer BITPIX can store, times SATURATION_SHARE; floats never saturate. */
function saturationLevel(px: FramePixels): number {
	const top = px.bitpix === 8 ? 255 : px.bitpix === 16 ? 32767 : px.bitpix === 32 ? 2147483647 : NaN;
	if (Number.isNaN(top) || !(px.bscale > 0)) return Infinity;
	return (px.bzero + px.bscale * top) * SATURATION_SHARE;
}

/** Compiles (if given bytes) and instantiates the kernel once; the Kernel then owns that instance. */
export async function createKernel(wasm: WebAssembly.Module | BufferSource): Promise<Kernel> {
	const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
	const instance = await WebAssembly.instantiate(module, {});
	return new Kernel(instance);
}

/** The colours (0 R, 1 G, 2 B) at (0,0), (1,0), (0,1), (1,1) of a run starting at frame row s0: an odd
 * first row starts on the pattern's second row. */
function phaseColours(bayer: BayerPattern, s0: number): [number, number, number, number] {
	const p = s0 % 2 === 0 ? bayer : bayer.slice(2) + bayer.slice(0, 2);
	return [COLOUR[p[0]], COLOUR[p[1]], COLOUR[p[2]], COLOUR[p[3]]];
}
