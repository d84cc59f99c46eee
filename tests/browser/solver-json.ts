import type { SolveResult } from '../../src/lib/solve';

/**
 * The solver's numbers as JSON, to compare hosts byte for byte: the whole result, each matched
 * catalogue star named by its row (the star record itself, with the cone search's distance, is the
 * catalogue reader's, not the solver's).
 */
export function solverJson(json: string): string {
	const r = JSON.parse(json) as SolveResult;
	if (!r.solved) return JSON.stringify(r);
	return JSON.stringify({ ...r, matched: r.matched.map((m) => ({ star: m.star, row: m.catalog.row, distArcsec: m.distArcsec })) });
}
