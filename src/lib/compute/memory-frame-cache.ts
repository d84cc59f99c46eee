import type { FrameCache } from './types';

/** Frames kept in memory, oldest dropped first past `maxBytes` (default 512 MB): the job loop's tests
 * (the runner keeps its frames on disk, src/lib/runner/disk-frame-cache.ts). */
export function createMemoryFrameCache(maxBytes = 512 * 1024 * 1024): FrameCache {
	const entries = new Map<string, Uint8Array>();
	let total = 0;
	return {
		async get(sha256) {
			const bytes = entries.get(sha256);
			if (bytes) {
				// Re-insert: Map order is then least recently used first.
				entries.delete(sha256);
				entries.set(sha256, bytes);
			}
			return bytes;
		},
		async put(sha256, bytes) {
			if (bytes.length > maxBytes) return;
			const old = entries.get(sha256);
			if (old) {
				total -= old.length;
				entries.delete(sha256);
			}
			entries.set(sha256, bytes);
			total += bytes.length;
			for (const [key, value] of entries) {
				if (total <= maxBytes) break;
				entries.delete(key);
				total -= value.length;
			}
		}
	};
}
