import { qualityScore } from '$lib/stacking/align';
import type { Affine } from '$lib/stacking/match';
import { Mismatch } from './mismatch';

/** What a worker's report says of one frame, read as numbers the verifier can recompute. */
export interface ReportedFrame {
	file: string;
	status: 'aligned' | 'rejected';
	reason: string | null;
	stars: number | null;
	fwhm: number | null;
	hotPixels: number | null;
	background: [number, number, number] | null;
	noise: [number, number, number] | null;
	transform: Affine | null;
	scale: number | null;
	rms: number | null;
	matches: number | null;
	transparency: number | null;
}

export interface AlignedReport extends ReportedFrame {
	status: 'aligned';
	transform: Affine;
	scale: number;
	background: [number, number, number];
	noise: [number, number, number];
}

export interface Plan {
	/** Every frame, in the ticket's order. */
	frames: ReportedFrame[];
	/** Index into `frames` of the reference. */
	reference: number;
	aligned: number[];
}

/**
 * The report as a recipe the verifier can follow: frames in the ticket's order (the combine's
 * order), every aligned frame with a finite transform, scale, background and noise, and the
 * reference the best frame by the report's own stars, FWHM and noise, as the stacker chooses it.
 * validateReport has already checked the frames are the job's, each once.
 */
export function readPlan(report: unknown, served: string[]): Plan {
	const { frames: raw, reference } = report as { frames: Record<string, unknown>[]; reference: unknown };
	const frames = raw.map(readFrame);
	const order = frames.map((f) => f.file);
	if (order.some((name, i) => name !== served[i])) throw new Mismatch(`the report lists the frames in another order than the ticket (${JSON.stringify(served)})`);
	const ref = order.indexOf(String(reference));
	if (ref < 0 || frames[ref].status !== 'aligned') throw new Mismatch(`the report's reference ${JSON.stringify(reference)} is not one of its aligned frames`);
	let best = -1;
	let bestScore = -Infinity;
	frames.forEach((f, i) => {
		if (f.stars === null || f.fwhm === null || f.noise === null) return;
		const score = qualityScore(f.stars, f.fwhm, f.noise[1]);
		if (score > bestScore) [best, bestScore] = [i, score];
	});
	if (best !== ref) throw new Mismatch(`the report's reference is ${order[ref]}, but by its own stars, FWHM and noise the stacker chooses ${order[best]}`);
	const aligned = frames.flatMap((f, i) => (f.status === 'aligned' ? [i] : []));
	return { frames, reference: ref, aligned };
}

function readFrame(f: Record<string, unknown>, i: number): ReportedFrame {
	const where = `report frames[${i}] (${String(f.file)})`;
	const frame: ReportedFrame = {
		file: String(f.file),
		status: f.status as 'aligned' | 'rejected',
		reason: typeof f.reason === 'string' ? f.reason : null,
		stars: numberOrNull(f.stars, `${where}.stars`),
		fwhm: numberOrNull(f.fwhm, `${where}.fwhm`),
		hotPixels: numberOrNull(f.hotPixels, `${where}.hotPixels`),
		background: tripleOrNull(f.background, `${where}.background`),
		noise: tripleOrNull(f.noise, `${where}.noise`),
		transform: transformOrNull(f.transform, `${where}.transform`),
		scale: numberOrNull(f.scale, `${where}.scale`),
		rms: numberOrNull(f.rms, `${where}.rms`),
		matches: numberOrNull(f.matches, `${where}.matches`),
		transparency: numberOrNull(f.transparency, `${where}.transparency`)
	};
	if (frame.status === 'aligned') {
		const missing = (['transform', 'scale', 'background', 'noise', 'stars', 'fwhm'] as const).filter((k) => frame[k] === null);
		if (missing.length) throw new Mismatch(`${where} is aligned but has no ${missing.join(', ')}`);
		if (!(frame.scale! > 0)) throw new Mismatch(`${where}.scale must be positive`);
	}
	return frame;
}

function numberOrNull(v: unknown, name: string): number | null {
	if (v === null || v === undefined) return null;
	if (typeof v !== 'number' || !Number.isFinite(v)) throw new Mismatch(`${name} must be a finite number or null`);
	return v;
}

function tripleOrNull(v: unknown, name: string): [number, number, number] | null {
	if (v === null || v === undefined) return null;
	if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Mismatch(`${name} must be three finite numbers or null`);
	return v as [number, number, number];
}

function transformOrNull(v: unknown, name: string): Affine | null {
	if (v === null || v === undefined) return null;
	const rows = Array.isArray(v) && v.length === 2 ? v.map((row) => tripleOrNull(row, name)) : [null];
	if (rows.some((r) => r === null)) throw new Mismatch(`${name} must be [[a, b, c], [d, e, f]] of finite numbers or null`);
	return [...rows[0]!, ...rows[1]!] as Affine;
}
