import { FitsError, MAX_HEADER_BYTES, parseHeader, type FitsHeader } from '$lib/fits';
import { rawStorage } from '$lib/server/storage';

const FIRST_READ = 64 * 1024;

/** The primary header of a stored raw frame, read by range (64 KiB, more only for a huge header). */
export async function readRawHeader(path: string): Promise<FitsHeader> {
	const storage = rawStorage();
	try {
		return parseHeader(await storage.readRange(path, 0, FIRST_READ)).header;
	} catch (error) {
		if (!(error instanceof FitsError && error.code === 'HEADER_TRUNCATED')) throw error;
		return parseHeader(await storage.readRange(path, 0, MAX_HEADER_BYTES)).header;
	}
}
