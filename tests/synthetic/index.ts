export { generateSet } from './generate-set';
export type { GenerateOptions, SkyField, SyntheticFrameTruth, SyntheticSet, SyntheticStar, TrailLine } from './types';
