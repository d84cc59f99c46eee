import type { CatalogSource } from '../catalog';
import type { ImageLayout } from '../fits/image';
import { solveStars, type SolveResult } from '../solve';
import { medianFwhm } from './align';
import type { Combined } from './combine';
import type { FrameMeta } from './frame-meta';
import type { KernelPool } from './pool/types';
import { pixelScale, stackHeaderCards } from './stack-header';
import { detectStackStars } from './stack-stars';
import type { Star } from './types';
import { writeStack } from './write-stack';
import { zeroPoints } from './zero-point';

export interface CalibrateInput {
	stack: Combined;
	width: number;
	height: number;
	/** Sky level the star finder fills uncovered pixels with: the reference's mean background. */
	sky: number;
	reference: { meta: FrameMeta; layout: Pick<ImageLayout, 'bitpix' | 'bzero' | 'bscale'> };
	/** Aligned frames, in input order. */
	aligned: FrameMeta[];
	inputCount: number;
	method: string;
	procDate?: string;
	/** The star catalogue; without it the stack is written unsolved, with the reason. */
	catalog?: CatalogSource;
}

export interface Calibrated {
	fits: Uint8Array;
	stars: Star[];
	solution: SolveResult;
}

/**
 * Everything in a stack file that is not its pixels, from its pixels: the stack's stars, the
 * plate solution (hint: the reference's RA/DEC, nominal scale from XPIXSZ/FOCALLEN), the
 * photometric zero points, the header and STAR-TAB; then the file. The stacker and the server's
 * spot check both call this, so the same planes always give the same bytes. `onWrite` marks the
 * end of solving and the start of writing (the stacker times the two).
 */
export async function calibrateStack(pool: KernelPool, input: CalibrateInput, onWrite: () => void = () => {}): Promise<Calibrated> {
	const { stack, width, height, reference } = input;
	const stars = await detectStackStars(pool, stack, width, height, input.sky);
	const fwhmPx = stars.length ? medianFwhm(stars) : undefined;
	const solution = await solve(pool, input, stars);
	const exposure = input.aligned.reduce((sum, f) => sum + (f.exptime ?? 0), 0);
	const zp =
		solution.solved && fwhmPx !== undefined && fwhmPx > 0 && exposure > 0
			? await zeroPoints(
					{ stack, width, height, nimages: input.aligned.length, stars, matched: solution.matched, fwhmPx, exposure, fullScale: fullScale(reference.layout) },
					(values) => pool.log10(values)
				)
			: undefined;
	// Through the kernel, so a browser's STAR-TAB is the same bits as the server's rebuild.
	const sky = solution.solved && stars.length ? await pool.pixelsToSky(solution.wcs, Float64Array.from(stars.flatMap((s) => [s.x + 1, s.y + 1]))) : null;
	onWrite();
	const cards = stackHeaderCards({
		reference: reference.meta,
		aligned: input.aligned,
		inputCount: input.inputCount,
		method: input.method,
		fwhmPx,
		procDate: input.procDate,
		solution,
		zeroPoints: zp
	});
	const fits = writeStack(cards, stack, width, height, stars, input.aligned.length, { solution, sky, zeroPointStars: zp?.used ?? [] });
	return { fits, stars, solution };
}

async function solve(pool: KernelPool, input: CalibrateInput, stars: Star[]): Promise<SolveResult> {
	const { ra, dec } = input.reference.meta;
	const scale = pixelScale(input.reference.meta);
	if (!input.catalog) return { solved: false, reason: 'no star catalogue was given to the stacker' };
	if (ra === undefined || dec === undefined) return { solved: false, reason: 'the reference frame has no RA/DEC to start from' };
	if (scale === undefined) return { solved: false, reason: 'the reference frame has no XPIXSZ/FOCALLEN for the pixel scale' };
	return solveStars(pool, input.catalog, { stars: stars.map(({ x, y, flux }) => ({ x, y, flux })), width: input.width, height: input.height, hint: { ra, dec }, scale });
}

/** Brightest physical value an integer frame can hold; undefined for float frames (no known ceiling). */
function fullScale({ bitpix, bzero, bscale }: CalibrateInput['reference']['layout']): number | undefined {
	if (bitpix < 0) return undefined;
	const maxStored = bitpix === 8 ? 255 : 2 ** (bitpix - 1) - 1;
	return bzero + bscale * maxStored;
}
