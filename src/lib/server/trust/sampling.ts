import { randomInt } from 'node:crypto';
import type { Standing } from './standing';

/** Verified results before a volunteer's checks start to thin out. */
export const FULL_CHECK_RESULTS = 10;
/** One disagreement outweighs this many verified results. */
export const DISAGREEMENT_WEIGHT = 25;
/** The smallest share of bands and frames recomputed, however clean the record. */
export const CHECK_FLOOR = 0.1;

/**
 * The share of a volunteer's next result the server recomputes, in the spirit of BOINC's adaptive
 * replication: all of it until FULL_CHECK_RESULTS clean results, then falling as 1/n with the
 * clean record n (verified less DISAGREEMENT_WEIGHT per disagreement) to CHECK_FLOOR at 100.
 * A disagreement sets a volunteer with fewer than 35 verified results back to full checks.
 */
export function checkShare(s: Standing): number {
	const clean = s.verified - DISAGREEMENT_WEIGHT * s.disagreed;
	if (clean < FULL_CHECK_RESULTS) return 1;
	return Math.max(CHECK_FLOOR, FULL_CHECK_RESULTS / clean);
}

/** How many of `total` items a share means: at least one, at most all. */
export function sampleCount(share: number, total: number): number {
	return Math.min(total, Math.max(1, Math.ceil(share * total)));
}

/**
 * `count` distinct indices of [0, total), drawn by crypto.randomInt after the result arrived, so
 * the submitter cannot know which parts will be recomputed. Sorted.
 */
export function drawSample(count: number, total: number): number[] {
	const pool = Array.from({ length: total }, (_, i) => i);
	for (let i = 0; i < Math.min(count, total); i++) {
		const j = i + randomInt(total - i);
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	return pool.slice(0, Math.min(count, total)).sort((a, b) => a - b);
}
