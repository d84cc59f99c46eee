import { mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameCache } from '../compute/types';
import { fileSource } from './file-source';

/**
 * Frames as files, one per sha256, in a directory of this process's own (made in `parent`, removed
 * by `close`): the page cache holds them, not this process's memory, and `open` reads them by range.
 * Past `maxBytes` on disk the least recently used files are deleted, except the frames opened since
 * the last `release` (the job in hand's): a job larger than the cache overfills it until it ends.
 */
export async function createDiskFrameCache(maxBytes: number, parent: string = tmpdir()): Promise<FrameCache & { close(): Promise<void> }> {
	const dir = await mkdtemp(join(parent, 'crowdsky-frames-'));
	// Size by sha256; Map order is least recently used first.
	const entries = new Map<string, number>();
	/** Opened since the last release: the job in hand reads them. */
	const opened = new Set<string>();
	let total = 0;
	let written = 0;
	const path = (sha256: string) => join(dir, sha256.replace(/[^0-9A-Za-z]/g, '_'));
	return {
		async get(sha256) {
			const size = entries.get(sha256);
			if (size === undefined) return undefined;
			entries.delete(sha256);
			entries.set(sha256, size);
			return new Uint8Array(await readFile(path(sha256)));
		},
		async put(sha256, bytes) {
			if (bytes.length > maxBytes || entries.has(sha256)) return;
			// Written aside, then renamed: a half-written file never carries a frame's name.
			const part = join(dir, `.part${written++}`);
			await writeFile(part, bytes);
			await rename(part, path(sha256));
			// The same frame put twice at once: the second rename wrote the same bytes.
			if (entries.has(sha256)) return;
			entries.set(sha256, bytes.length);
			total += bytes.length;
			for (const [key, size] of entries) {
				if (total <= maxBytes) break;
				if (opened.has(key)) continue;
				entries.delete(key);
				total -= size;
				await unlink(path(key)).catch(() => {});
			}
		},
		async open(sha256, name) {
			if (!entries.has(sha256)) return undefined;
			opened.add(sha256);
			return { ...(await fileSource(path(sha256))), name };
		},
		release: () => opened.clear(),
		close: () => rm(dir, { recursive: true, force: true })
	};
}
