import { FitsError } from '../fits/errors';
import type { FitsHeader } from '../fits/header';
import { readHeaderRange } from '../fits/header-range';
import { assertDataFits, declaredDataBytes } from '../fits/size';

/**
 * The primary header of a file (a browser File or Node's Blob), read block by block with
 * `Blob.slice`. The data the header declares must fit in the file, so a truncated copy is caught
 * before it is uploaded. What is wrong comes back as a reason, not an exception.
 */
export async function readFrameHeader(file: Blob): Promise<{ header: FitsHeader } | { reason: string }> {
	try {
		const { header, end } = await readHeaderRange(async (start, stop) => new Uint8Array(await file.slice(start, stop).arrayBuffer()));
		assertDataFits('the primary HDU', declaredDataBytes(header, true), file.size - end);
		return { header };
	} catch (err) {
		if (err instanceof FitsError) return { reason: err.message };
		throw err;
	}
}
