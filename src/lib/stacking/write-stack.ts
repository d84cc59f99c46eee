import type { Card } from '../fits/header';
import { writeFits, type HduSpec } from '../fits/write';
import type { SolveResult } from '../solve';
import type { Combined } from './combine';
import type { Star } from './types';

/** STAR-TAB flag bit: fewer frames than NIMAGES cover the star's pixel (near the field's edge). */
export const FLAG_PARTIAL_COVERAGE = 1;
/** STAR-TAB flag bit: the star is one the photometric zero points (ZPR, ZPG, ZPB) were measured on. */
export const FLAG_ZERO_POINT = 2;

/** What the Solve stage adds to the stars: the solution, every star's sky position and the stars the zero points used. */
export interface StarCalibration {
	solution: SolveResult;
	/** (ra, dec) pairs in degrees, a pair per star, through the solution's WCS; null when not solved. */
	sky: Float64Array | null;
	zeroPointStars: readonly number[];
}

/**
 * The stack file: an empty PRIMARY HDU with the header, float32 RED, GREEN, BLUE in the reference
 * geometry, FOOTPRINT (frames per pixel) and the STAR-TAB catalogue with 0-based positions and,
 * when solved, each star's sky position and catalogue match.
 */
export function writeStack(
	cards: Card[],
	stack: Combined,
	width: number,
	height: number,
	stars: Star[],
	nimages: number,
	calibration: StarCalibration
): Uint8Array {
	if (nimages > 32767) throw new RangeError(`FOOTPRINT is written as 16-bit integers: ${nimages} frames exceed 32767`);
	const plane = (name: string, data: Float32Array): HduSpec => ({
		kind: 'image',
		name,
		bitpix: -32,
		width,
		height,
		data,
		cards: [{ key: 'BUNIT', value: 'ADU', comment: 'normalised to the reference frame' }]
	});
	const flags = stars.map((s) => {
		const x = Math.min(width - 1, Math.max(0, Math.round(s.x)));
		const y = Math.min(height - 1, Math.max(0, Math.round(s.y)));
		return stack.coverage[y * width + x] < nimages ? FLAG_PARTIAL_COVERAGE : 0;
	});
	for (const i of calibration.zeroPointStars) flags[i] |= FLAG_ZERO_POINT;
	const sky = skyColumns(stars.length, calibration);
	return writeFits([
		{ kind: 'primary', cards },
		plane('RED', stack.r),
		plane('GREEN', stack.g),
		plane('BLUE', stack.b),
		{ kind: 'image', name: 'FOOTPRINT', bitpix: 16, width, height, data: stack.coverage, cards: [{ key: 'BUNIT', value: 'frames', comment: 'frames that cover each pixel' }] },
		{
			kind: 'bintable',
			name: 'STAR-TAB',
			rows: stars.length,
			columns: [
				{ name: 'x', format: 'E', unit: 'pixel', data: stars.map((s) => s.x) },
				{ name: 'y', format: 'E', unit: 'pixel', data: stars.map((s) => s.y) },
				{ name: 'flux', format: 'E', unit: 'ADU', data: stars.map((s) => s.flux) },
				{ name: 'a', format: 'E', unit: 'pixel', data: stars.map((s) => s.a) },
				{ name: 'b', format: 'E', unit: 'pixel', data: stars.map((s) => s.b) },
				{ name: 'theta', format: 'E', unit: 'deg', data: stars.map((s) => s.theta) },
				{ name: 'flag', format: 'I', data: flags },
				{ name: 'ra', format: 'D', unit: 'deg', data: sky.ra },
				{ name: 'dec', format: 'D', unit: 'deg', data: sky.dec },
				{ name: 'cat_id', format: 'J', data: sky.catId },
				{ name: 'cat_mag', format: 'E', unit: 'mag', data: sky.catMag },
				{ name: 'match_dist', format: 'E', unit: 'arcsec', data: sky.matchDist }
			],
			cards: [
				{ key: 'COMMENT', value: null, comment: 'x, y: 0-based pixel centres (column along NAXIS1, row in storage order)' },
				{ key: 'COMMENT', value: null, comment: `flag ${FLAG_PARTIAL_COVERAGE}: fewer frames than NIMAGES cover the star` },
				{ key: 'COMMENT', value: null, comment: `flag ${FLAG_ZERO_POINT}: used for the zero points ZPR, ZPG, ZPB` },
				{ key: 'COMMENT', value: null, comment: 'ra, dec: ICRS through the primary WCS; NaN when not solved' },
				{ key: 'COMMENT', value: null, comment: 'cat_id: row in astrometry.net index 4108 (Tycho-2), -1 unmatched' },
				{ key: 'COMMENT', value: null, comment: 'cat_mag: Tycho VT; match_dist: to the catalogue star; NaN unmatched' }
			]
		}
	]);
}

/** ra, dec of every star, and the catalogue star each one matched; NaN and -1 where there is none. */
function skyColumns(n: number, { solution, sky }: StarCalibration) {
	const columns = {
		ra: new Float64Array(n).fill(NaN),
		dec: new Float64Array(n).fill(NaN),
		catId: new Int32Array(n).fill(-1),
		catMag: new Float32Array(n).fill(NaN),
		matchDist: new Float32Array(n).fill(NaN)
	};
	if (!solution.solved || !sky) return columns;
	if (sky.length !== 2 * n) throw new RangeError(`writeStack: ${sky.length / 2} sky positions for ${n} stars`);
	for (let i = 0; i < n; i++) {
		columns.ra[i] = sky[2 * i];
		columns.dec[i] = sky[2 * i + 1];
	}
	for (const m of solution.matched) {
		columns.catId[m.star] = m.catalog.row;
		columns.catMag[m.star] = m.catalog.vt;
		columns.matchDist[m.star] = m.distArcsec;
	}
	return columns;
}
