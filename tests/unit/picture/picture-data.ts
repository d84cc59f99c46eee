// A real set's stack, plate-solved as intake solves it, its planes and FOOTPRINT read back, its
// picture made (colour from the catalogue's stars), and today's thumbnail of it: what the picture
// tests measure.
import { join } from 'node:path';
import { fieldColourStars } from '../../../src/lib/catalog';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { makePicture, type Picture, type PictureInput } from '../../../src/lib/picture';
import { readStackPlanes } from '../../../src/lib/server/stacks/stack-planes';
import { readSolution, solveFile } from '../../../src/lib/solve';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { makePreview } from '../../../src/lib/stacking/preview';
import { realStack } from '../stacking/real-stack';
import type { RgbImage } from './measure';

const CATALOG = diskCatalogSource(join(import.meta.dirname, '../../../static/catalog'));

export interface PictureCase {
	input: PictureInput;
	picture: Picture;
	/** The picture as the measures take it. */
	image: RgbImage;
	/** Today's 512 px thumbnail (auto-stretch of the whole frame), 8-bit, for comparison. */
	thumbnail: RgbImage;
}

export async function pictureCase(dir: string, match: string): Promise<PictureCase> {
	const pool = createLocalPool(loadKernel());
	const solved = await solveFile(pool, CATALOG, (await realStack(dir, match)).fits).finally(() => pool.close());
	// The server's reader: the same planes, FOOTPRINT and NIMAGES intake makes the picture from.
	const planes = readStackPlanes(solved.bytes);
	const solution = readSolution(planes.header, planes.width, planes.height);
	if (solution.state !== 'solved') throw new Error(`the stack of ${dir} ${match} did not solve: ${JSON.stringify(solution)}`);
	const input: PictureInput = { ...planes, colourStars: await fieldColourStars(CATALOG, solution.wcs, planes.width, planes.height) };
	const picture = makePicture(input);
	const preview = makePreview(input.r, input.g, input.b, input.width, input.height, 512);
	const rgb = new Uint8Array(preview.width * preview.height * 3);
	for (let i = 0; i < preview.width * preview.height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = preview.rgba[i * 4 + c];
	return {
		input,
		picture,
		image: { width: picture.width, height: picture.height, rgb: picture.rgb, full: 65535 },
		thumbnail: { width: preview.width, height: preview.height, rgb, full: 255 }
	};
}
