import { endianness } from 'node:os';
import { areaAverage, fitWithin } from '$lib/stacking/preview';
import { ApiError } from '$lib/server/http';
import { ByteLru } from '$lib/util/byte-lru';
import { Gate, GateFull } from '$lib/util/gate';
import { InFlight } from '$lib/util/in-flight';
import { previewSide } from './preview-sizes';
import { readStackPlanes, type StackPlanes } from './stack-planes';
import type { StackRow } from './stack-row';
import { storedBytes } from './stored-bytes';

/**
 * Whole stacks decoded at once. A decode holds the stored FITS and its float planes (about 50 MB
 * for a 1080 x 1920 Seestar stack), so this bounds the server's memory under a storm of previews.
 */
export const PREVIEW_DECODES = 2;
/** Decodes that may wait for a place; more are answered 503 with Retry-After. */
export const PREVIEW_QUEUE = 8;
const RETRY_AFTER_SECONDS = 5;
const LITTLE_ENDIAN = endianness() === 'LE';
/** Rendered previews kept, by bytes (a full 2048 px one of a Seestar stack is 25 MB). */
const CACHE_BYTES = 64 * 1024 * 1024;

const gate = new Gate(PREVIEW_DECODES, PREVIEW_QUEUE);
const decodes = new InFlight<string, StackPlanes>();
const renders = new InFlight<string, Uint8Array>();
const cache = new ByteLru<string>(CACHE_BYTES);

/**
 * The stack's linear colour planes, area-averaged to the fixed size that serves `max` (see
 * `previewSide`), for a client that stretches them itself. Layout: little-endian u32 width, u32
 * height, then float32 R, G, B planes (row-major, FITS storage order). A pixel no frame covered
 * stays NaN. Requests for one stack share one decode and, per size, one render and one cached
 * answer; the bytes returned are shared, so callers must not change them.
 */
export async function stackPreview(row: StackRow, max: number): Promise<Uint8Array> {
	const side = previewSide(max);
	// The path and size are in the key so a replaced file is never served from the cache.
	const stored = `${row.id}:${row.storagePath}:${row.fileSizeBytes}`;
	const key = `${stored}:${side}`;
	const hit = cache.get(key);
	if (hit) return hit;
	return renders.get(key, async () => {
		const planes = await decodes.get(stored, () => decode(row.storagePath));
		const out = await render(planes, side);
		cache.set(key, out);
		return out;
	});
}

async function decode(path: string): Promise<StackPlanes> {
	try {
		return await gate.run(async () => readStackPlanes(await storedBytes(path)));
	} catch (error) {
		if (error instanceof GateFull) {
			throw new ApiError(
				503,
				`the server is busy making other previews (${error.running} being made, ${error.waiting} waiting); try again in a few seconds`,
				RETRY_AFTER_SECONDS
			);
		}
		throw error;
	}
}

/** A plane at a time, yielding between them, so other requests are answered meanwhile. */
async function render(planes: StackPlanes, side: number): Promise<Uint8Array> {
	const { width, height } = fitWithin(planes.width, planes.height, side);
	const full = width === planes.width && height === planes.height;
	const n = width * height;
	const out = new Uint8Array(8 + 12 * n);
	const view = new DataView(out.buffer);
	view.setUint32(0, width, true);
	view.setUint32(4, height, true);
	for (const [c, plane] of [planes.r, planes.g, planes.b].entries()) {
		await new Promise((resolve) => setImmediate(resolve));
		// At full size the plane is the answer: averaging 1 x 1 areas would only cost time.
		const small = full ? plane : areaAverage(plane, planes.width, planes.height, width, height);
		// The wire is little-endian, like every host this runs on: one copy, not n DataView writes.
		if (LITTLE_ENDIAN) new Float32Array(out.buffer, 8 + 4 * c * n, n).set(small);
		else for (let i = 0; i < n; i++) view.setFloat32(8 + 4 * (c * n + i), small[i], true);
	}
	return out;
}
