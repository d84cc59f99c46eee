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
	const raw = aligned.map(({ analysed, scale }) => {
		const [nr, ng, nb] = analysed.analysis.noise;
		return 1 / Math.max((((nr + ng + nb) / 3) * scale) ** 2, 1e-12);
	});
	const sum = raw.reduce((a, b) => a + b, 0);
	return aligned.map(({ frame, analysed, transform, scale }, i) => ({
		frame,
		refToFrame: invertAffine(transform),
		scale: [scale, scale, scale],
		offset: analysed.analysis.background,
		target: ref.analysis.background,
		weight: raw[i] / sum,
		noise: analysed.analysis.noise
	}));
}
