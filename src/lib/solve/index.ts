export { solveStars } from './solve-stars';
export type { MatchedStar, SolveInput, SolveResult, Solved, Unsolved } from './types';
export { solutionCards, CATALOG_NAME } from './solution-cards';
export { solveFile, type SolvedFile } from './solve-file';
export { readSolution, type HeaderSolution } from './read-solution';
