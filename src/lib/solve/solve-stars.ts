import type { CatalogSource } from '../catalog';
import type { KernelPool } from '../stacking/pool/types';
import { solveField } from './solve-field';
import type { SolveInput, SolveResult } from './types';

/**
 * Plate-solves a stack's or frame's detected stars: the entry point the stacker, the runner and
 * the server use. Runs on a kernel host of `pool`.
 */
export async function solveStars(pool: KernelPool, source: CatalogSource, input: SolveInput): Promise<SolveResult> {
	void pool;
	return solveField(source, input);
}
