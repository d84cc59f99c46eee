// A real set's stack, its planes and FOOTPRINT read back, its picture made, and today's thumbnail
// of it: what the picture tests measure.
import { makePicture, type Picture, type PictureInput } from '../../../src/lib/picture';
import { readStackPlanes } from '../../../src/lib/server/stacks/stack-planes';
import { makePreview } from '../../../src/lib/stacking/preview';
import { realStack } from '../stacking/real-stack';
import type { RgbImage } from './measure';

export interface PictureCase {
	input: PictureInput;
	picture: Picture;
	/** The picture as the measures take it. */
	image: RgbImage;
	/** Today's 512 px thumbnail (auto-stretch of the whole frame), 8-bit, for comparison. */
	thumbnail: RgbImage;
}

export async function pictureCase(dir: string, match: string): Promise<PictureCase> {
	const { fits } = await realStack(dir, match);
	// The server's reader: the same planes, FOOTPRINT and NIMAGES intake makes the picture from.
	const input: PictureInput = readStackPlanes(fits);
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
