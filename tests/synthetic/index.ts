export { generateSet } from './generate-set';
export { catalogFieldStars } from './catalog-field';
export type { GenerateOptions, SkyField, SyntheticFrameTruth, SyntheticSet, SyntheticStar, TrailLine } from './types';
