import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { Point } from '../../../src/lib/stacking/match';
import type { SolveInput } from '../../../src/lib/solve';
import type { FrameSource } from '../../../src/lib/stacking/types';
import { folderSources, hdusByName, M94, NGC7023 } from '../stacking/helpers';

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

/** Frames stacked by the project's pipeline, as a solver's input: STAR-TAB, size, header RA/DEC, nominal scale. */
async function stackSolveInput(sources: FrameSource[]): Promise<SolveInput> {
	const pool = createLocalPool(loadKernel());
	try {
		const { fits } = await stackFrames(sources, pool);
		const hdus = hdusByName(fits);
		const primary = hdus.get('PRIMARY')!.header;
		const red = hdus.get('RED')!.header;
		return {
			stars: starTab(fits, hdus.get('STAR-TAB')!),
			width: red.number('NAXIS1')!,
			height: red.number('NAXIS2')!,
			hint: { ra: primary.number('RA')!, dec: primary.number('DEC')! },
			// 206.265 ″·mm/µm: arcseconds per pixel of an XPIXSZ µm pixel at FOCALLEN mm.
			scale: (206.265 * primary.number('XPIXSZ')!) / primary.number('FOCALLEN')!
		};
	} finally {
		pool.close();
	}
}

/** The six M 94 frames stacked. */
export async function m94SolveInput(): Promise<SolveInput> {
	return stackSolveInput(await folderSources(M94));
}

/** The four NGC 7023 frames of 2024-07-30 (4 x 10 s) stacked; the two of 2025 are another night. */
export async function ngc7023SolveInput(): Promise<SolveInput> {
	const sources = await folderSources(NGC7023);
	return stackSolveInput(sources.filter((s) => s.name.includes('_2024')));
}
