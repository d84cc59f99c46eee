import { BLOCK_BYTES, readHeaderRange, type FitsHeader } from '$lib/fits';
import { rawStorage } from '$lib/server/storage';

/** 16 blocks (46 KB) per request: any camera's header in one read, even over WebDAV. */
const STEP = 16 * BLOCK_BYTES;

/** The primary header of a stored raw frame, read by range. */
export async function readRawHeader(path: string): Promise<FitsHeader> {
	const storage = rawStorage();
	return (await readHeaderRange((start, end) => storage.readRange(path, start, end), STEP)).header;
}
