import { FitsError, scrubLocation, type ScrubOptions } from '$lib/fits';
import type { FrameSource } from '$lib/stacking';
import { servedName, type FrameRow } from '$lib/server/jobs';
import { rawStorage } from '$lib/server/storage';

/**
 * A job's frames as its volunteers received them (served names, headers scrubbed the same way),
 * read by range from the raw store: what the verifier stacks, so its header cards are theirs.
 */
export function servedSources(frames: FrameRow[], scrub: ScrubOptions): FrameSource[] {
	const storage = rawStorage();
	return frames.map((frame) => ({
		name: servedName(frame),
		size: frame.fileSizeBytes,
		async read(start, end) {
			const bytes = await storage.readRange(frame.storagePath, start, end);
			// Header reads start at 0 (openFrame); pixel reads start at the data and need no scrubbing.
			if (start === 0) scrubHead(bytes, scrub);
			return bytes;
		}
	}));
}

function scrubHead(bytes: Uint8Array, scrub: ScrubOptions): void {
	try {
		scrubLocation(bytes, scrub);
	} catch (error) {
		// A header longer than this read: openFrame reads more, and that read is scrubbed.
		if (!(error instanceof FitsError)) throw error;
	}
}
