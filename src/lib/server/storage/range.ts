import { StorageError } from './errors';

/** Validates a [start, end) byte range. */
export function checkRange(path: string, start: number, end: number): void {
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
		throw new StorageError(
			`readRange ${JSON.stringify(path)}: invalid range [${start}, ${end}); need integers 0 <= start <= end`
		);
	}
}

/**
 * Bytes [start, end) of a stream (fewer if it ends sooner). Stops reading once `end` is reached:
 * leaving the loop early destroys a Node stream, which aborts the download behind it.
 */
export async function sliceStream(
	stream: AsyncIterable<Uint8Array>,
	start: number,
	end: number
): Promise<Uint8Array> {
	const out = Buffer.alloc(end - start);
	let offset = 0; // of the stream
	let filled = 0;
	if (end > start) {
		for await (const chunk of stream) {
			const from = Math.max(start - offset, 0);
			const to = Math.min(end - offset, chunk.byteLength);
			if (to > from) {
				out.set(chunk.subarray(from, to), filled);
				filled += to - from;
			}
			offset += chunk.byteLength;
			if (offset >= end) break;
		}
	}
	return out.subarray(0, filled);
}
