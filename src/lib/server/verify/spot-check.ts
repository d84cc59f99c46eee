import type { FrameSource } from '$lib/stacking';
import { openFrame, sizeRejections, type OpenFrame } from '$lib/stacking/open-frames';
import { rebuildInputs } from '$lib/stacking/normalise';
import { verifyBands } from '$lib/stacking/verify-bands';
import { drawSample, sampleCount } from '$lib/server/trust';
import { auditFrames, type EarlyRejections } from './audit-frames';
import { checkBands } from './check-bands';
import { checkFile } from './check-file';
import { verifyPool } from './kernel-pool';
import { Mismatch } from './mismatch';
import { readPlan, type AlignedReport } from './read-plan';
import { serverCatalog } from './server-catalog';

export interface SpotCheckInput {
	/** The job's frames as its volunteers got them, in the ticket's order. */
	sources: FrameSource[];
	stack: Uint8Array;
	report: unknown;
	/** The worker's band hashes, already checked against `stack`. */
	bands: string[];
	planes: { r: Float32Array; g: Float32Array; b: Float32Array };
	width: number;
	height: number;
	/** Share of frames and bands to recompute (checkShare of the submitter's standing). */
	share: number;
}

export interface SpotCheckResult {
	checkedBands: number;
	checkedFrames: number;
}

/**
 * Recomputes a sample of an untrusted result that its submitter could not predict (drawn after
 * it arrived): the reference and `share` of the frames are analysed and aligned again and must
 * match the report; `share` of the verification bands are combined again and must match their
 * hashes; the header and STAR-TAB must be what the stacker writes for the submitted planes.
 * Throws Mismatch naming the first frame, part or band that does not.
 */
export async function spotCheck(input: SpotCheckInput): Promise<SpotCheckResult> {
	const { sources, width, height, share } = input;
	const plan = readPlan(input.report, sources.map((s) => s.name));
	const pool = verifyPool();

	const early: EarlyRejections = new Map();
	const open: OpenFrame[] = [];
	for (const [i, source] of sources.entries()) {
		const opened = await openFrame(source, i);
		if ('reason' in opened) early.set(i, opened.reason);
		else open.push(opened.frame);
	}
	for (const [i, reason] of sizeRejections(open)) early.set(i, reason);
	const frameSample = drawSample(sampleCount(share, sources.length), sources.length);
	await auditFrames(pool, open, early, plan, frameSample);

	const byIndex = new Map(open.map((f) => [f.index, f]));
	const aligned = plan.aligned.map((i) => {
		const frame = byIndex.get(i);
		if (!frame) throw new Mismatch(`frame ${sources[i].name} is reported aligned but cannot be opened`);
		return { frame, report: plan.frames[i] as AlignedReport };
	});
	const refBackground = (plan.frames[plan.reference] as AlignedReport).background;
	const inputs = rebuildInputs(
		aligned.map(({ frame, report }) => ({ frame, transform: report.transform, scale: report.scale, background: report.background, noise: report.noise })),
		refBackground
	);
	const total = verifyBands(height).length;
	const bandSample = drawSample(sampleCount(share, total), total);
	await checkBands(pool, inputs, { width, height }, bandSample, input.bands);
	await checkFile(pool, input.stack, {
		planes: input.planes,
		width,
		height,
		reference: byIndex.get(plan.reference)!,
		aligned: aligned.map((a) => a.frame),
		inputCount: sources.length,
		refBackground,
		catalog: serverCatalog()
	});

	return { checkedBands: bandSample.length, checkedFrames: new Set([plan.reference, ...frameSample]).size };
}
