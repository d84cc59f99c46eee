// Solver inputs made the way the product makes them: a stack's STAR-TAB, or one raw frame's stars
// found by the kernel's analyse, with the header's RA/DEC as hint and the nominal scale.
import { readFile } from 'node:fs/promises';
import type { FitsHeader } from '../../../src/lib/fits/header';
import { readImageLayout } from '../../../src/lib/fits/image';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import type { Point } from '../../../src/lib/stacking/match';
import type { SolveInput } from '../../../src/lib/solve';
import { hdusByName, M94, NGC7023 } from '../stacking/helpers';
import { realStack } from '../stacking/real-stack';

/** x, y, flux of each STAR-TAB row (big-endian float32 in the first three columns). */
function starTab(fits: Uint8Array, hdu: { header: { number(key: string): number | undefined }; dataOffset: number }): Point[] {
	const rowBytes = hdu.header.number('NAXIS1')!;
	const rows = hdu.header.number('NAXIS2')!;
	const view = new DataView(fits.buffer, fits.byteOffset + hdu.dataOffset, rowBytes * rows);
	return Array.from({ length: rows }, (_, r) => ({
		x: view.getFloat32(r * rowBytes, false),
		y: view.getFloat32(r * rowBytes + 4, false),
		flux: view.getFloat32(r * rowBytes + 8, false)
	}));
}

/** The header's pointing and the nominal scale: 206.265 ″·mm/µm is the arcseconds per pixel of an XPIXSZ µm pixel at FOCALLEN mm. */
function hintOf(header: FitsHeader): Pick<SolveInput, 'hint' | 'scale'> {
	return {
		hint: { ra: header.number('RA')!, dec: header.number('DEC')! },
		scale: (206.265 * header.number('XPIXSZ')!) / header.number('FOCALLEN')!
	};
}

/** A stack's FITS bytes as a solver's input: STAR-TAB, size, header RA/DEC, nominal scale. */
export function stackSolveInput(fits: Uint8Array): SolveInput {
	const hdus = hdusByName(fits);
	const red = hdus.get('RED')!.header;
	return {
		stars: starTab(fits, hdus.get('STAR-TAB')!),
		width: red.number('NAXIS1')!,
		height: red.number('NAXIS2')!,
		...hintOf(hdus.get('PRIMARY')!.header)
	};
}

/** The frames of `dir` whose names contain `match`, stacked by the project's pipeline, as a solver's input. */
export async function stackedSolveInput(dir: string, match = ''): Promise<SolveInput> {
	return stackSolveInput((await realStack(dir, match)).fits);
}

/** The six M 94 frames stacked by the project's pipeline, as a solver's input. */
export function m94SolveInput(): Promise<SolveInput> {
	return stackedSolveInput(M94);
}

/** The four NGC 7023 frames of 2024-07-30 (4 x 10 s) stacked; the two of 2025 are another night. */
export function ngc7023SolveInput(): Promise<SolveInput> {
	return stackedSolveInput(NGC7023, '_2024');
}

/** One raw frame's stars, found by the kernel's analyse on `pool`, as a solver's input. */
export async function frameSolveInput(path: string, pool: KernelPool): Promise<SolveInput> {
	const bytes = new Uint8Array(await readFile(path));
	const { width, height, bitpix, bzero, bscale, bayer, dataOffset, rowBytes, header } = readImageLayout(bytes, bytes.length);
	const data = bytes.subarray(dataOffset, dataOffset + rowBytes * height);
	const analysis = await pool.analyse({ data, y0: 0, rows: height, width, height, bitpix, bzero, bscale, bayer });
	return { stars: analysis.stars.map(({ x, y, flux }) => ({ x, y, flux })), width, height, ...hintOf(header) };
}
