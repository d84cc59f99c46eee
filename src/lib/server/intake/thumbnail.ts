import { PNG } from 'pngjs';
import { makePreview } from '$lib/stacking';

/** The gallery's thumbnail size: the longer side, pixels. */
export const THUMBNAIL_MAX_SIDE = 512;

/** A PNG of the stack, auto-stretched and at most 512 px on its longer side, made here (never trusted from a worker). */
export function makeThumbnail(planes: { r: Float32Array; g: Float32Array; b: Float32Array }, width: number, height: number): Uint8Array {
	const preview = makePreview(planes.r, planes.g, planes.b, width, height, THUMBNAIL_MAX_SIDE);
	const png = new PNG({ width: preview.width, height: preview.height });
	png.data = Buffer.from(preview.rgba.buffer, preview.rgba.byteOffset, preview.rgba.byteLength);
	return new Uint8Array(PNG.sync.write(png));
}
