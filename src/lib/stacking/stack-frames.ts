import { alignFrame, chooseReference, referencePattern, type AnalysedFrame } from './align';
import { analyseFrames } from './analyse-frames';
import { DEFAULT_BAND_MEMORY_BYTES, planBands } from './bands';
import { combineFrames, type Combined } from './combine';
import { formatFitsDate } from './fits-time';
import { fullGc } from './host-gc';
import { mapLimited } from './map-limited';
import { combineInputs, type AlignedFrame } from './normalise';
import { openFrame, sizeRejections, type OpenFrame } from './open-frames';
import type { CombineOptions } from './types';
import type { KernelPool } from './pool/types';
import { emptyFrameReport, reportTransform, StackError, stageTiming } from './report';
import type { SolveResult } from '../solve';
import { calibrateStack } from './calibrate-stack';
import type { FrameReport, FrameSource, SolveReport, StackOptions, StackReport, StackStage } from './types';

/**
 * Frames aligned between full collections. Each alignment leaves its triangles and RANSAC samples
 * promoted to the old generation, which V8 let grow to ~130 MB of garbage at 360 frames before it
 * collected; one collection per 16 frames holds it to 16 frames' worth.
 */
const ALIGNS_PER_GC = 16;

/** Header reads in flight while opening: small reads, so more than the thread count. */
const OPENS_IN_FLIGHT = 8;

/**
 * Median-centred kappa-sigma rejection with the frames' own noise as the sigma floor, then the
 * weighted mean; the kernel falls back to the plain weighted mean where fewer than 3 frames cover
 * a pixel. Removes a satellite trail even from a 6-frame chunk.
 */
export const COMBINE: CombineOptions = { method: 'clip', kappa: 3 };
/** Rejection and combination, then how frames are resampled onto the reference: Malvar-He-Cutler
 * demosaic and Catmull-Rom warp (kernel.ts combineBand). Fits one FITS card (68 characters). */
export const METHOD_NAME = 'sigma clip (median, kappa 3), weighted mean; resampling: MHC+CR';

/**
 * Stacks frames into one FITS: open (headers only) -> analyse (per frame, parallel) -> choose the
 * reference and align -> combine by row bands (parallel) -> solve (stars of the stack, plate
 * solution, zero points) -> write.
 * Frames that cannot be stacked are rejected with a reason in the report. The output bytes depend
 * only on the inputs, never on the thread count, the banding or the clock.
 */
export async function stackFrames(
	sources: FrameSource[],
	pool: KernelPool,
	opts: StackOptions = {}
): Promise<{ fits: Uint8Array; report: StackReport }> {
	if (sources.length === 0) throw new RangeError('stackFrames needs at least one frame');
	const threads = opts.threads ?? pool.size;
	if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
	const progress = (stage: StackStage, done: number, total: number) => opts.onProgress?.({ stage, done, total });
	const run = new RunReport(sources, threads);

	// Open: headers only.
	let opened = 0;
	progress('open', 0, sources.length);
	const openResults = await mapLimited(sources, OPENS_IN_FLIGHT, async (source, i) => {
		const result = await openFrame(source, i);
		progress('open', ++opened, sources.length);
		return result;
	});
	const open: OpenFrame[] = [];
	for (const r of openResults) {
		if ('reason' in r) run.reject(r.index, r.reason);
		else {
			open.push(r.frame);
			run.opened(r.frame);
		}
	}
	const wrongSize = sizeRejections(open);
	for (const [index, reason] of wrongSize) run.reject(index, reason);
	const usable = open.filter((f) => !wrongSize.has(f.index));
	run.endStage('open', sources.length);

	// Analyse: each frame's pixels once, keeping only stars, sky and noise.
	progress('analyse', 0, usable.length);
	const { analysed, failed, kernelMs } = await analyseFrames(usable, pool, threads + 1, (done) =>
		progress('analyse', done, usable.length)
	);
	for (const { index, reason } of failed) run.reject(index, reason);
	for (const a of analysed) run.analysed(a);
	run.kernelMs = kernelMs;
	run.endStage('analyse', usable.length);

	// Align every frame onto the best one; rejected frames are never combined.
	const ref = chooseReference(analysed);
	const refFrame = usable.find((u) => u.index === ref?.index);
	run.reference = refFrame;
	const aligned: AlignedFrame[] = [];
	progress('align', 0, analysed.length);
	const pattern = ref && referencePattern(ref);
	for (const [k, a] of analysed.entries()) {
		const alignment = alignFrame(a, ref!, pattern);
		if (alignment.ok) {
			run.aligned(a.index, alignment);
			aligned.push({ frame: usable.find((u) => u.index === a.index)!, analysed: a, ...alignment });
		} else run.reject(a.index, alignment.reason);
		progress('align', k + 1, analysed.length);
		if ((k + 1) % ALIGNS_PER_GC === 0) fullGc();
	}
	run.endStage('align', analysed.length);
	if (!ref || !refFrame || aligned.length === 0) {
		const why = analysed.length === 0 ? 'no frame could be read and analysed' : 'no frame could be aligned';
		throw new StackError(`nothing to stack: ${why}`, run.report());
	}
	const inputs = combineInputs(aligned, ref);
	for (const input of inputs) run.frames[input.frame.index].weight = input.weight;

	// Combine by row bands of the reference geometry.
	const { width, height } = refFrame.layout;
	const perBand = (opts.bandMemoryBytes ?? DEFAULT_BAND_MEMORY_BYTES) / threads;
	const bands = planBands(height, width, inputs.length, perBand, threads);
	progress('combine', 0, bands.length);
	const stack = await combineFrames(pool, inputs, { width, height }, bands, {
		threads,
		combine: COMBINE,
		onBand: (done, band, result) => {
			opts.onBand?.({ y0: band.y0, rows: band.rows, width, height, r: result.r, g: result.g, b: result.b });
			progress('combine', done, bands.length);
		}
	});
	run.stack = stack;
	run.endStage('combine', inputs.length);

	// Solve: the stack's stars, the plate solution and zero points; then header, STAR-TAB, file.
	progress('solve', 0, 1);
	const { fits, stars, solution } = await calibrateStack(
		pool,
		{
			stack,
			width,
			height,
			sky: ref.analysis.background.reduce((a, b) => a + b, 0) / 3,
			reference: refFrame,
			aligned: inputs.map((i) => i.frame.meta),
			inputCount: sources.length,
			method: run.method,
			procDate: opts.procDate,
			catalog: opts.catalog
		},
		() => {
			progress('solve', 1, 1);
			run.endStage('solve', 1);
			progress('write', 0, 1);
		}
	);
	run.stackStars = stars.length;
	run.solution = solution;
	progress('write', 1, 1);
	run.endStage('write', inputs.length);
	run.peakMemory = await (opts.peakMemory ?? (() => hostPeakMemory(pool)))();
	return { fits, report: run.report() };
}

/** The report as the run fills it in, stage by stage. */
class RunReport {
	readonly frames: FrameReport[];
	reference?: OpenFrame;
	kernelMs: Record<string, number> = {};
	stack?: Combined;
	stackStars = 0;
	solution?: SolveResult;
	peakMemory = 0;
	method = METHOD_NAME;
	private readonly ms: Partial<Record<StackStage, { ms: number; frames: number }>> = {};
	private readonly started = performance.now();
	private lap = this.started;

	constructor(
		private readonly sources: FrameSource[],
		private readonly threads: number
	) {
		this.frames = sources.map((s) => emptyFrameReport(s.name));
	}

	reject(index: number, reason: string): void {
		Object.assign(this.frames[index], { status: 'rejected', reason });
	}

	opened(f: OpenFrame): void {
		this.frames[f.index].exptime = f.meta.exptime ?? null;
		this.frames[f.index].dateObs = f.meta.start !== undefined ? formatFitsDate(f.meta.start) : null;
	}

	analysed(a: AnalysedFrame): void {
		const { stars, background, noise, hotPixels } = a.analysis;
		Object.assign(this.frames[a.index], { stars: stars.length, fwhm: a.fwhm, background, noise, hotPixels });
	}

	aligned(index: number, a: { transform: AlignedFrame['transform']; rms: number; matches: number; transparency: number; scale: number }): void {
		Object.assign(this.frames[index], {
			status: 'aligned',
			reason: null,
			transform: reportTransform(a.transform),
			rms: a.rms,
			matches: a.matches,
			transparency: a.transparency,
			scale: a.scale
		});
	}

	endStage(stage: StackStage, frames: number): void {
		const now = performance.now();
		this.ms[stage] = { ms: now - this.lap, frames };
		this.lap = now;
	}

	report(): StackReport {
		const aligned = this.frames.filter((f) => f.status === 'aligned');
		const timing = (stage: StackStage) => stageTiming(this.ms[stage]?.ms ?? 0, this.ms[stage]?.frames ?? 0);
		const round = (v: number) => Math.round(v * 100) / 100;
		return {
			reference: this.reference?.source.name ?? null,
			frames: this.frames,
			counts: { input: this.sources.length, aligned: aligned.length, rejected: this.sources.length - aligned.length },
			timings: {
				open: timing('open'),
				analyse: timing('analyse'),
				align: timing('align'),
				combine: timing('combine'),
				solve: timing('solve'),
				write: timing('write'),
				total: stageTiming(performance.now() - this.started, this.sources.length),
				kernel: Object.fromEntries(Object.entries(this.kernelMs).map(([k, v]) => [k, round(v)]))
			},
			peakMemory: this.peakMemory,
			threads: this.threads,
			method: this.method,
			exposure: aligned.reduce((sum, f) => sum + (f.exptime ?? 0), 0),
			width: this.reference?.layout.width ?? 0,
			height: this.reference?.layout.height ?? 0,
			rejectedSamples: this.stack?.rejected ?? 0,
			stackStars: this.stackStars,
			solve: solveReport(this.solution)
		};
	}
}

/** The solution in the report's terms: the WCS stays in the file. */
function solveReport(solution: SolveResult | undefined): SolveReport | null {
	if (!solution) return null;
	if (!solution.solved) return { solved: false, reason: solution.reason };
	const { centre, scale, parity, matches, rmsArcsec } = solution;
	return { solved: true, ra: centre.ra, dec: centre.dec, scale, parity, matches, rmsArcsec };
}

/** Peak memory of the host: the process's peak RSS in Node (workers included), else the kernels' WASM memory. */
async function hostPeakMemory(pool: KernelPool): Promise<number> {
	const proc = (globalThis as { process?: { resourceUsage?: () => { maxRSS: number } } }).process;
	if (proc?.resourceUsage) return proc.resourceUsage().maxRSS * 1024;
	return pool.memoryBytes();
}
