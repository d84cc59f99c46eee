import type { KernelPool } from '$lib/stacking';
import { alignFrame, type AnalysedFrame } from '$lib/stacking/align';
import { analyseFrames } from '$lib/stacking/analyse-frames';
import { reportTransform } from '$lib/stacking/report';
import type { OpenFrame } from '$lib/stacking/open-frames';
import { Mismatch } from './mismatch';
import type { Plan, ReportedFrame } from './read-plan';

/** Why the stacker would reject a frame before analysing it (open or size), by index. */
export type EarlyRejections = Map<number, string>;

/**
 * Re-analyses the reference and the sampled frames with the kernel and aligns them again: what
 * the report says of each (stars, FWHM, background, noise, hot pixels, status and reason,
 * transform, scale, RMS, matches, transparency) must be exactly what the stacker computes. The
 * kernel and the matcher are deterministic and JSON carries doubles exactly, so there is no tolerance.
 */
export async function auditFrames(pool: KernelPool, open: OpenFrame[], early: EarlyRejections, plan: Plan, sample: number[]): Promise<void> {
	const wanted = [...new Set([plan.reference, ...sample])].sort((a, b) => a - b);
	for (const i of wanted.filter((i) => early.has(i))) expectRejected(plan.frames[i], early.get(i)!);
	const toAnalyse = open.filter((f) => wanted.includes(f.index) && !early.has(f.index));
	const { analysed, failed } = await analyseFrames(toAnalyse, pool, pool.size, () => {});
	for (const { index, reason } of failed) expectRejected(plan.frames[index], reason);
	const ref = analysed.find((a) => a.index === plan.reference);
	if (!ref) throw new Mismatch(`the reference ${plan.frames[plan.reference].file} cannot be analysed`);
	for (const a of analysed) expectFrame(plan.frames[a.index], a, ref);
}

function expectRejected(reported: ReportedFrame, reason: string): void {
	if (reported.status !== 'rejected' || reported.reason !== reason) {
		throw new Mismatch(`frame ${reported.file}: the stacker rejects it (${reason}); the report says ${describe(reported)}`);
	}
}

function expectFrame(reported: ReportedFrame, a: AnalysedFrame, ref: AnalysedFrame): void {
	const { stars, background, noise, hotPixels } = a.analysis;
	same(reported, 'stars', reported.stars, stars.length);
	same(reported, 'fwhm', reported.fwhm, a.fwhm);
	same(reported, 'hotPixels', reported.hotPixels, hotPixels);
	same(reported, 'background', reported.background, background);
	same(reported, 'noise', reported.noise, noise);
	const alignment = alignFrame(a, ref);
	if (!alignment.ok) return expectRejected(reported, alignment.reason);
	if (reported.status !== 'aligned') throw new Mismatch(`frame ${reported.file}: the stacker aligns it; the report says ${describe(reported)}`);
	same(reported, 'transform', reported.transform, reportTransform(alignment.transform).flat());
	same(reported, 'scale', reported.scale, alignment.scale);
	same(reported, 'rms', reported.rms, alignment.rms);
	same(reported, 'matches', reported.matches, alignment.matches);
	same(reported, 'transparency', reported.transparency, alignment.transparency);
}

function same(frame: ReportedFrame, what: string, reported: number | number[] | null, computed: number | number[]): void {
	if (JSON.stringify(reported) !== JSON.stringify(computed)) {
		throw new Mismatch(`frame ${frame.file}: the report's ${what} is ${JSON.stringify(reported)}; the kernel computes ${JSON.stringify(computed)}`);
	}
}

function describe(f: ReportedFrame): string {
	return f.status === 'aligned' ? 'aligned' : `rejected (${f.reason ?? 'no reason'})`;
}
