import { mapLimited } from '../stacking/map-limited';
import { bytesSource } from '../stacking/sources';
import type { FrameSource } from '../stacking/types';
import { sha256Hex } from '../util/sha256';
import type { JobFile, JobTicket } from '../api/jobs';
import type { FrameCache, JobApi } from './types';

/** Downloads of one frame whose bytes do not match the ticket's sha256, before the job is failed. */
export const DOWNLOAD_TRIES = 3;

/** The frames' bytes never matched their checksum: the job is failed with this message. */
export class ChecksumError extends Error {
	constructor(file: JobFile, got: string) {
		super(`frame "${file.name}" (file ${file.id}): ${DOWNLOAD_TRIES} downloads did not match sha256 ${file.sha256} (last got ${got})`);
		this.name = 'ChecksumError';
	}
}

export interface DownloadOptions {
	cache?: FrameCache;
	concurrency: number;
	signal?: AbortSignal;
	/** After each frame is in hand (from the cache or the network). */
	onFrame?: (done: number, total: number) => void;
}

/**
 * Every frame of the job as a source, in ticket order: from the cache when it holds bytes with the
 * right hash, else downloaded (at most `concurrency` at once), checked against the ticket's sha256
 * and downloaded again on a mismatch, then cached. A cache that can `open` its frames serves them
 * by range, so the job holds none of them whole; the caller calls the cache's `release` after the job.
 */
export async function downloadFrames(api: JobApi, job: JobTicket, opts: DownloadOptions): Promise<FrameSource[]> {
	let done = 0;
	opts.onFrame?.(0, job.files.length);
	return mapLimited(job.files, opts.concurrency, async (file) => {
		// An opened frame is served as it is: such a cache holds only bytes checked before `put`.
		let source = await opened(opts.cache, file);
		if (!source) {
			const bytes = (await cached(opts.cache, file)) ?? (await fetchChecked(api, job, file, opts));
			source = (await opened(opts.cache, file)) ?? bytesSource(file.name, bytes);
		}
		opts.onFrame?.(++done, job.files.length);
		return source;
	});
}

function opened(cache: FrameCache | undefined, file: JobFile): Promise<FrameSource | undefined> {
	return cache?.open?.(file.sha256, file.name).catch(() => undefined) ?? Promise.resolve(undefined);
}

async function cached(cache: FrameCache | undefined, file: JobFile): Promise<Uint8Array | undefined> {
	const bytes = await cache?.get(file.sha256).catch(() => undefined);
	// A cache can be damaged (a quota cut, a half-written entry): its bytes must earn their key.
	return bytes && (await sha256Hex(bytes)) === file.sha256 ? bytes : undefined;
}

async function fetchChecked(api: JobApi, job: JobTicket, file: JobFile, opts: DownloadOptions): Promise<Uint8Array> {
	let got = '';
	for (let i = 0; i < DOWNLOAD_TRIES; i++) {
		const bytes = await api.download(job, file, opts.signal);
		got = await sha256Hex(bytes);
		if (got === file.sha256) {
			// A full or broken cache must not fail the job: the frame is in hand.
			await opts.cache?.put(file.sha256, bytes).catch(() => {});
			return bytes;
		}
	}
	throw new ChecksumError(file, got);
}
