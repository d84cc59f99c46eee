export { generateSet } from './generate-set';
export { pixelToSky } from './sky';
export type { GenerateOptions, SkyField, SyntheticFrameTruth, SyntheticSet, SyntheticStar, TanWcs, TrailLine } from './types';
