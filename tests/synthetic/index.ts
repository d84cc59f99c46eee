export { generateSet } from './generate-set';
export type { GenerateOptions, SyntheticFrameTruth, SyntheticSet, SyntheticStar, TrailLine } from './types';
