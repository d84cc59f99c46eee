// Stage 1: the catalogue on the nominal pixel grid of a candidate centre. Stars come brightest
// first; those within the field circle are projected by TAN about the centre onto a grid of the
// nominal scale, centred on 0 and not mirrored (x east, y north): the matcher tries both parities.

import { POINT_BYTES, setPoint, sortByX } from './points';
import { cosToCentre, project } from './sphere';

/** Up to `max` of the brightest catalogue stars (unit vectors at xyz) within the circle cos >= cosR
 * of frame f, at pxPerRad pixels per radian: written in catalogue order to `list` and sorted by x
 * to `sorted` (both point lists, index = catalogue row). tmp: 2 f64. Returns the count. */
export function projectControl(xyz: usize, nCat: i32, f: usize, cosR: f64, pxPerRad: f64, max: i32, list: usize, sorted: usize, tmp: usize): i32 {
	let n = 0;
	for (let k = 0; k < nCat && n < max; k++) {
		const s = xyz + <usize>k * 24;
		if (cosToCentre(f, s) < cosR || !project(f, s, tmp)) continue;
		setPoint(list, n, load<f64>(tmp) * pxPerRad, load<f64>(tmp, 8) * pxPerRad, k);
		n++;
	}
	memory.copy(sorted, list, <usize>n * POINT_BYTES);
	sortByX(sorted, n);
	return n;
}
