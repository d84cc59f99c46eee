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
	const { r, g, b } = p;
	const n = p.width * p.height;
	let maxR = -Infinity;
	let maxG = -Infinity;
	let maxB = -Infinity;
	for (let i = 0; i < n; i++) {
		if (r[i] > maxR) maxR = r[i];
		if (g[i] > maxG) maxG = g[i];
		if (b[i] > maxB) maxB = b[i];
	}
	const levelR = FULL_SCALE * maxR;
	const levelG = FULL_SCALE * maxG;
	const levelB = FULL_SCALE * maxB;
	// One pass marks each channel's full-scale pixels as a bit and counts them; a channel under the
	// plateau then drops its bit. Two reads of the planes, not three.
	const mask = new Uint8Array(n);
	let countR = 0;
	let countG = 0;
	let countB = 0;
	for (let i = 0; i < n; i++) {
		const atR = r[i] >= levelR ? 1 : 0;
		const atG = g[i] >= levelG ? 1 : 0;
		const atB = b[i] >= levelB ? 1 : 0;
		countR += atR;
		countG += atG;
		countB += atB;
		mask[i] = atR | (atG << 1) | (atB << 2);
	}
	const keep = (countR >= PLATEAU ? 1 : 0) | (countG >= PLATEAU ? 2 : 0) | (countB >= PLATEAU ? 4 : 0);
	for (let i = 0; i < n; i++) mask[i] = mask[i] & keep ? 1 : 0;
	return mask;
}
