export { solveField } from './solve-field';
export type { SolveInput, SolveResult, Solved, Unsolved } from './types';
