import { renderStretch, type ChannelStats, type StretchParams } from '$lib/stacking/stretch';
import { fetchPreview } from './stacks-client';

/** The stretch the viewer shows: the statistics its black points are measured from and the sliders. */
export interface StretchLook {
	stats: ChannelStats[];
	params: StretchParams;
}

/**
 * The largest preview the server makes (preview-sizes.ts): a stack up to 2048 px on its longer
 * side (a Seestar's 1080 x 1920) comes at its own size, pixel for pixel.
 */
const FULL_SIZE = 2048;

/**
 * The stack at full size as a PNG, stretched as the viewer shows it: the viewer's statistics (of
 * its smaller preview) keep the black points where they are on screen, so the file looks the same.
 */
export async function stretchedPng(previewUrl: string, look: StretchLook): Promise<Blob> {
	const planes = await fetchPreview(`${previewUrl}?max=${FULL_SIZE}`);
	const canvas = document.createElement('canvas');
	canvas.width = planes.width;
	canvas.height = planes.height;
	const ctx = canvas.getContext('2d')!;
	const image = ctx.createImageData(planes.width, planes.height);
	renderStretch(planes, look.stats, look.params, image.data);
	ctx.putImageData(image, 0, 0);
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not make the PNG'))), 'image/png')
	);
}
