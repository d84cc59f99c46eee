/** Plate solving on the server: telescope stacks on intake, stored stacks by the sweep. */
export { solveStack, type SolvedStack } from './solve-stack';
export { solveStoredStacks, SOLVES_PER_SWEEP } from './solve-stored';
export { solutionColumns } from './solution-columns';
