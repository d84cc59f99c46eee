export type { Affine, MatchResult, ModelName, Point } from './types';
export { AlignError, type AlignErrorKind } from './errors';
export { findTransform, starPattern, type StarPattern } from './find-transform';
export { applyAffine, composeAffine, invertAffine } from './affine';
export { fitAffine, fitSimilarity } from './fit';
