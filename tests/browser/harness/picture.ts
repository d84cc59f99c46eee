// The picture of a linear stack made in the page, as the Compute tab's live preview makes it: the
// planes fetched as one file (R, G, B, FOOTPRINT, float32 each), the picture's bytes hashed.
import { makePicture } from '../../../src/lib/picture';
import { sha256Hex } from '../../../src/lib/util/sha256';
import type { BrowserPicture, PlanesFile } from './protocol';

async function pictureInBrowser({ url, width, height, nimages }: PlanesFile): Promise<BrowserPicture> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	const all = new Float32Array(await response.arrayBuffer());
	const n = width * height;
	const plane = (k: number) => all.subarray(k * n, (k + 1) * n);
	const picture = makePicture({ width, height, r: plane(0), g: plane(1), b: plane(2), footprint: plane(3), nimages });
	const { rgb } = picture;
	return { sha256: await sha256Hex(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength)), width: picture.width, height: picture.height };
}

window.pictureInBrowser = pictureInBrowser;
