import type { HeaderSolution } from '$lib/solve';
import type { stackedFrames } from '$lib/server/db/schema';

type SolutionColumns = Pick<
	typeof stackedFrames.$inferInsert,
	| 'plateSolved' | 'solveReason' | 'wcsRaDeg' | 'wcsDecDeg' | 'wcsRotationDeg' | 'wcsScaleArcsec'
	| 'wcsParity' | 'wcsMatches' | 'wcsRmsArcsec' | 'wcsFootprint'
>;

const NONE = {
	wcsRaDeg: null, wcsDecDeg: null, wcsRotationDeg: null, wcsScaleArcsec: null,
	wcsParity: null, wcsMatches: null, wcsRmsArcsec: null, wcsFootprint: null
} satisfies Omit<SolutionColumns, 'plateSolved' | 'solveReason'>;

/** The stacked_frames columns of a stored file's plate solution (readSolution of its primary header). */
export function solutionColumns(solution: HeaderSolution): SolutionColumns {
	if (solution.state === 'untried') return { plateSolved: null, solveReason: null, ...NONE };
	if (solution.state === 'unsolved') return { plateSolved: 0, solveReason: solution.reason.slice(0, 80), ...NONE };
	return {
		plateSolved: 1,
		solveReason: null,
		wcsRaDeg: solution.centre.ra,
		wcsDecDeg: solution.centre.dec,
		wcsRotationDeg: solution.rotation,
		wcsScaleArcsec: solution.scale,
		wcsParity: solution.parity,
		wcsMatches: solution.matches === null ? null : Math.round(solution.matches),
		wcsRmsArcsec: solution.rmsArcsec,
		wcsFootprint: solution.footprint.map((p) => [p.ra, p.dec] as [number, number])
	};
}
