import { ApiError } from '$lib/server/http';

/**
 * The sizes a preview is made at (longest side, pixels). A request is served the smallest of them
 * that is at least its `max`, so any number of distinct `max` values costs at most this many
 * renders and cache entries per stack; the answer's header says the size it has.
 */
export const PREVIEW_SIDES = [256, 512, 1024, 2048] as const;
/** The longest side a preview may ask for. */
export const MAX_PREVIEW_SIDE = 2048;
export const DEFAULT_PREVIEW_SIDE = 1024;

/** `max` from the query: 16 … 2048, default 1024. */
export function parsePreviewMax(value: string | null): number {
	if (value === null || value.trim() === '') return DEFAULT_PREVIEW_SIDE;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 16 || n > MAX_PREVIEW_SIDE) {
		throw new ApiError(400, `max ${JSON.stringify(value)} must be a whole number of pixels from 16 to ${MAX_PREVIEW_SIDE}`);
	}
	return n;
}

/** The fixed size that serves `max`: the smallest of PREVIEW_SIDES at least as large. */
export function previewSide(max: number): number {
	return PREVIEW_SIDES.find((side) => side >= max) ?? MAX_PREVIEW_SIDE;
}
