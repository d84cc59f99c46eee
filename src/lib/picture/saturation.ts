import type { Planes } from './types';

/** A value this close to its channel's maximum is at full scale. */
const FULL_SCALE = 0.98;
/** A channel is clipped when at least this many pixels share its maximum: a plateau, not one peak. */
const PLATEAU = 4;

/**
 * The pixels at full scale in a clipped channel: a saturated star's core, whose colour the sensor
 * lost (white balance would tint it). 1 where saturated. A channel whose brightest pixel stands
 * alone is not clipped, and marks nothing.
 */
export function saturatedPixels(p: Planes): Uint8Array {
	const mask = new Uint8Array(p.width * p.height);
	for (const plane of [p.r, p.g, p.b]) {
		let max = -Infinity;
		for (let i = 0; i < plane.length; i++) if (plane[i] > max) max = plane[i];
		const level = FULL_SCALE * max;
		let count = 0;
		for (let i = 0; i < plane.length; i++) if (plane[i] >= level) count++;
		if (count < PLATEAU) continue;
		for (let i = 0; i < plane.length; i++) if (plane[i] >= level) mask[i] = 1;
	}
	return mask;
}
