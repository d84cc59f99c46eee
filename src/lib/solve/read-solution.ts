import type { FitsHeader } from '../fits';
import { footprint, parity, pixelScale, pixelToSky, readWcs, rotation, type SkyPosition, type Wcs } from '../wcs';

/** The plate solution a file's primary header carries, as the catalogue and the stack page use it. */
export type HeaderSolution =
	| { state: 'untried' }
	| { state: 'unsolved'; reason: string }
	| {
			state: 'solved';
			wcs: Wcs;
			/** Sky position of the image centre. */
			centre: SkyPosition;
			/** Position angle of the image's +y axis, degrees east of north. */
			rotation: number;
			/** Arcseconds per pixel. */
			scale: number;
			parity: 'normal' | 'flipped';
			matches: number | null;
			rmsArcsec: number | null;
			/** Corners (1, 1), (1, H), (W, H), (W, 1). */
			footprint: SkyPosition[];
	  };

/**
 * Reads PLTSOLVD and the WCS from a primary header of a width x height image: 'untried' when there
 * is no PLTSOLVD; 'unsolved' with PLTREASN (or why the WCS cannot be read) otherwise unless solved.
 */
export function readSolution(header: FitsHeader, width: number, height: number): HeaderSolution {
	const flag = header.get('PLTSOLVD');
	if (flag === undefined) return { state: 'untried' };
	if (flag !== true) return { state: 'unsolved', reason: header.string('PLTREASN') || 'not plate-solved' };
	let wcs: Wcs | null;
	try {
		wcs = readWcs(header);
	} catch (err) {
		return { state: 'unsolved', reason: `PLTSOLVD = T but the WCS cannot be read: ${(err as Error).message}` };
	}
	if (!wcs) return { state: 'unsolved', reason: 'PLTSOLVD = T but the header has no WCS' };
	const quality = (key: string) => {
		const value = header.number(key);
		return value !== undefined && Number.isFinite(value) && value >= 0 ? value : null;
	};
	return {
		state: 'solved',
		wcs,
		centre: pixelToSky(wcs, (width + 1) / 2, (height + 1) / 2),
		rotation: rotation(wcs),
		scale: pixelScale(wcs),
		parity: parity(wcs),
		matches: quality('PLTSTARS'),
		rmsArcsec: quality('PLTRMS'),
		footprint: footprint(wcs, width, height)
	};
}
