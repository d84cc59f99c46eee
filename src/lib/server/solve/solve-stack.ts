import { parseHeader } from '$lib/fits';
import { readSolution, solveFile } from '$lib/solve';
import { solutionColumns } from './solution-columns';
import { serverCatalog, verifyPool } from '$lib/server/verify';
import { errorMessage } from '$lib/util/error-message';

export interface SolvedStack {
	/** The file with the solution's cards, or unchanged when it could not be solved at all. */
	bytes: Uint8Array;
	columns: ReturnType<typeof solutionColumns>;
}

/**
 * Plate-solves a stack's file on the server's kernel pool: the bytes to store (PLTSOLVD and the
 * WCS in the primary header) and the stacked_frames columns read back from that header. A file the
 * solver cannot read is recorded unsolved with the reason: solving never refuses a stack.
 */
export async function solveStack(bytes: Uint8Array): Promise<SolvedStack> {
	try {
		const solved = await solveFile(verifyPool(), serverCatalog(), bytes);
		const header = parseHeader(solved.bytes).header;
		return { bytes: solved.bytes, columns: solutionColumns(readSolution(header, solved.width, solved.height)) };
	} catch (error) {
		return { bytes, columns: solutionColumns({ state: 'unsolved', reason: `unreadable for the solver: ${errorMessage(error)}` }) };
	}
}
