import { solveAffine, solveSimilarity, type Pair } from './fit';
import type { Affine, ModelName, Point } from './types';

/**
 * A transform family RANSAC can fit. Every model is an Affine, so the error of a pair is the same
 * for all: the distance between the mapped src star and its dst star (see `pairRms`).
 */
export interface TransformModel {
	name: ModelName;
	/** Pairs that determine the model. */
	minPoints: number;
	/** Least squares over the pairs; null when they do not determine the model. */
	fit(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[]): Affine | null;
}

export const similarityModel: TransformModel = { name: 'similarity', minPoints: 2, fit: solveSimilarity };
export const affineModel: TransformModel = { name: 'affine', minPoints: 3, fit: solveAffine };

export const MODELS: Record<ModelName, TransformModel> = { similarity: similarityModel, affine: affineModel };
