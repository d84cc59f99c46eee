import type { AnalysedFrame } from './align';
import type { CombineInput } from './combine';
import { invertAffine, type Affine } from './match';
import type { OpenFrame } from './open-frames';

export interface AlignedFrame {
	frame: OpenFrame;
	analysed: AnalysedFrame;
	/** Frame pixel -> reference pixel. */
	transform: Affine;
	/** Reference flux / frame flux of the matched stars. */
	scale: number;
}

/**
 * What the combine needs per frame: the warp from the reference, v' = (v - frame sky) * scale +
 * reference sky per channel (so 10 s and 20 s frames meet on one scale), and inverse-variance
 * weights 1 / (noise * scale)^2 normalised to sum 1.
 */
export function combineInputs(aligned: AlignedFrame[], ref: AnalysedFrame): CombineInput[] {
	return rebuildInputs(
		aligned.map(({ frame, analysed, transform, scale }) => ({ frame, transform, scale, background: analysed.analysis.background, noise: analysed.analysis.noise })),
		ref.analysis.background
	);
}

/** What the combine needs of one aligned frame: what the report says of it. */
export interface AlignedFacts {
	frame: OpenFrame;
	transform: Affine;
	scale: number;
	background: [number, number, number];
	noise: [number, number, number];
}

/** Combine inputs from per-frame facts, in order: the stacker's own, or a verifier's from a report. */
export function rebuildInputs(aligned: AlignedFacts[], refBackground: [number, number, number]): CombineInput[] {
	const raw = aligned.map(({ noise: [nr, ng, nb], scale }) => 1 / Math.max((((nr + ng + nb) / 3) * scale) ** 2, 1e-12));
	const sum = raw.reduce((a, b) => a + b, 0);
	return aligned.map(({ frame, transform, scale, background, noise }, i) => ({
		frame,
		refToFrame: invertAffine(transform),
		scale: [scale, scale, scale],
		offset: background,
		target: refBackground,
		weight: raw[i] / sum,
		noise
	}));
}
