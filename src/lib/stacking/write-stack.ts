import type { Card } from '../fits/header';
import { writeFits, type HduSpec } from '../fits/write';
import type { Combined } from './combine';
import type { Star } from './types';

/** STAR-TAB flag bit: fewer frames than NIMAGES cover the star's pixel (near the field's edge). */
export const FLAG_PARTIAL_COVERAGE = 1;

/**
 * The stack file: an empty PRIMARY HDU with the header, float32 RED, GREEN, BLUE in the reference
 * geometry, FOOTPRINT (frames per pixel) and the STAR-TAB catalogue with 0-based positions.
 */
export function writeStack(cards: Card[], stack: Combined, width: number, height: number, stars: Star[], nimages: number): Uint8Array {
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
				{ name: 'flag', format: 'I', data: flags }
			],
			cards: [
				{ key: 'COMMENT', value: null, comment: 'x, y: 0-based pixel centres (column along NAXIS1, row in storage order)' },
				{ key: 'COMMENT', value: null, comment: `flag ${FLAG_PARTIAL_COVERAGE}: fewer frames than NIMAGES cover the star` }
			]
		}
	]);
}
