import { areaAverage } from '$lib/stacking/preview';
import { ApiError } from '$lib/server/http';
import { readStackPlanes } from './stack-planes';
import type { StackRow } from './stack-row';
import { storedBytes } from './stored-bytes';

/** The longest side a preview may ask for. */
export const MAX_PREVIEW_SIDE = 2048;
export const DEFAULT_PREVIEW_SIDE = 1024;
/** Previews kept in memory (about 7 MB each at 1024 px): a few, for zooming back and forth. */
const CACHE_ENTRIES = 6;
const cache = new Map<string, Uint8Array>();

/** `max` from the query: 16 … 2048, default 1024. */
export function parsePreviewMax(value: string | null): number {
	if (value === null || value.trim() === '') return DEFAULT_PREVIEW_SIDE;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 16 || n > MAX_PREVIEW_SIDE) {
		throw new ApiError(400, `max ${JSON.stringify(value)} must be a whole number of pixels from 16 to ${MAX_PREVIEW_SIDE}`);
	}
	return n;
}

/**
 * The stack's linear colour planes, area-averaged to fit `max` on the longer side, for a client
 * that stretches them itself. Layout: little-endian u32 width, u32 height, then float32 R, G, B
 * planes (row-major, FITS storage order). A pixel no frame covered stays NaN.
 */
export async function stackPreview(row: StackRow, max: number): Promise<Uint8Array> {
	const key = `${row.id}:${row.storagePath}:${row.fileSizeBytes}:${max}`;
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const planes = readStackPlanes(await storedBytes(row.storagePath));
	const s = Math.min(1, max / Math.max(planes.width, planes.height));
	const width = Math.max(1, Math.round(planes.width * s));
	const height = Math.max(1, Math.round(planes.height * s));
	const n = width * height;
	const out = new Uint8Array(8 + 12 * n);
	const view = new DataView(out.buffer);
	view.setUint32(0, width, true);
	view.setUint32(4, height, true);
	[planes.r, planes.g, planes.b].forEach((plane, c) => {
		const small = areaAverage(plane, planes.width, planes.height, width, height);
		for (let i = 0; i < n; i++) view.setFloat32(8 + 4 * (c * n + i), small[i], true);
	});
	cache.set(key, out);
	while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
	return out;
}
