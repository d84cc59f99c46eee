// The forgery the Sybil attackers post: an honest stack with a 400 × 400 block of 50000.0 painted
// into its RED, GREEN and BLUE planes — the same for every job, so two colluders always agree on it —
// and the test the proof applies to every stored stack to find one.
import { readHdus, type Hdu } from '../../src/lib/fits';

export const BLOCK = 400;
export const PAINT = 50000.0;
const PLANES = ['RED', 'GREEN', 'BLUE'];

/** The planes' HDUs and the block's top-left corner: centred, so it fits any frame size the drill stacks. */
function layout(fits: Uint8Array): { planes: Hdu[]; x0: number; y0: number; width: number } {
	const planes = readHdus(fits).filter((h) => PLANES.includes(h.header.string('EXTNAME') ?? ''));
	if (planes.length !== PLANES.length) throw new Error(`a stack without ${PLANES.join('/')} planes`);
	const width = planes[0].header.number('NAXIS1') ?? 0;
	const height = planes[0].header.number('NAXIS2') ?? 0;
	if (planes.some((p) => p.header.number('BITPIX') !== -32)) throw new Error('stack planes are not float32');
	if (width < BLOCK || height < BLOCK) throw new Error(`a ${width} × ${height} stack has no room for the ${BLOCK} × ${BLOCK} block`);
	return { planes, x0: (width - BLOCK) >> 1, y0: (height - BLOCK) >> 1, width };
}

/** Calls `at` with the byte offset of every pixel of the block, plane by plane. */
function eachPixel(fits: Uint8Array, at: (view: DataView, offset: number) => boolean | void): boolean {
	const { planes, x0, y0, width } = layout(fits);
	const view = new DataView(fits.buffer, fits.byteOffset, fits.byteLength);
	for (const plane of planes) {
		for (let y = y0; y < y0 + BLOCK; y++) {
			for (let x = x0; x < x0 + BLOCK; x++) if (at(view, plane.dataOffset + 4 * (y * width + x)) === false) return false;
		}
	}
	return true;
}

/** A copy of `fits` with the block painted (FITS floats are big-endian). */
export function paintBlock(fits: Uint8Array): Uint8Array {
	const forged = fits.slice();
	eachPixel(forged, (view, offset) => view.setFloat32(offset, PAINT, false));
	return forged;
}

/** Whether a stack carries the painted block in all three planes. */
export function hasPaintedBlock(fits: Uint8Array): boolean {
	return eachPixel(fits, (view, offset) => view.getFloat32(offset, false) === PAINT);
}
