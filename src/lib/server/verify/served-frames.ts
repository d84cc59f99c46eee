import { FitsError, scrubLocation, type ScrubOptions } from '$lib/fits';
import type { FrameSource } from '$lib/stacking';
import { servedName, type FrameRow } from '$lib/server/jobs';
import { rawStorage } from '$lib/server/storage';

export interface ServedFrames {
	sources: FrameSource[];
	/**
	 * The first read the store failed, if any. The stacker takes an unreadable frame for a bad one
	 * and rejects it, so a check that disagrees after a failed read says nothing of the result.
	 */
	readFailure(): Error | undefined;
}

/**
 * A job's frames as its volunteers received them (served names, headers scrubbed the same way),
 * read by range from the raw store: what the verifier stacks, so its header cards are theirs.
 */
export function servedSources(frames: FrameRow[], scrub: ScrubOptions): ServedFrames {
	const storage = rawStorage();
	let failure: Error | undefined;
	const sources = frames.map(
		(frame): FrameSource => ({
			name: servedName(frame),
			size: frame.fileSizeBytes,
			async read(start, end) {
				let bytes: Uint8Array;
				try {
					bytes = await storage.readRange(frame.storagePath, start, end);
				} catch (error) {
					failure ??= error as Error;
					throw error;
				}
				// Header reads start at 0 (openFrame); pixel reads start at the data and need no scrubbing.
				if (start === 0) scrubHead(bytes, scrub);
				return bytes;
			}
		})
	);
	return { sources, readFailure: () => failure };
}

function scrubHead(bytes: Uint8Array, scrub: ScrubOptions): void {
	try {
		scrubLocation(bytes, scrub);
	} catch (error) {
		// A header longer than this read: openFrame reads more, and that read is scrubbed.
		if (!(error instanceof FitsError)) throw error;
	}
}
