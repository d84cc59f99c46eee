import type { JobFile, JobProgress, JobTicket } from '../api/jobs';
import type { CatalogSource } from '../catalog';
import type { KernelPool } from '../stacking/pool/types';
import type { FrameSource } from '../stacking/types';

/** The job API over HTTP, one implementation for the browser and Node. */
export interface JobApi {
	/** A job of one of the kinds `tasks` (default ['stack']) and its lease, or null when there is nothing to do. */
	claim(workerId: string, tasks?: string[]): Promise<JobTicket | null>;
	download(job: JobTicket, file: JobFile, signal?: AbortSignal): Promise<Uint8Array>;
	heartbeat(job: JobTicket, progress?: JobProgress): Promise<void>;
	/** `bands`: the stack's verification band hashes (stackBandHashes), which the server checks against the file and spot-checks. */
	complete(job: JobTicket, fits: Uint8Array, report: unknown, cpuMs: number, bands: string[]): Promise<{ status: string }>;
	fail(job: JobTicket, error: string): Promise<void>;
	giveBack(job: JobTicket): Promise<void>;
}

/** Frames by the sha256 of their bytes, so a reload or a re-issued job does not download them again. */
export interface FrameCache {
	get(sha256: string): Promise<Uint8Array | undefined>;
	put(sha256: string, bytes: Uint8Array): Promise<void>;
	/**
	 * A cached frame read back by range (a cache on disk), so the job in hand never holds its frames
	 * whole; undefined when it is not cached. An opened frame is not evicted until `release`. It is
	 * not hashed again: a cache that opens must hold its frames' bytes as they were put, or none.
	 */
	open?(sha256: string, name: string): Promise<FrameSource | undefined>;
	/** The job in hand is done with every frame it opened. */
	release?(): void;
}

export interface PreviewImage {
	width: number;
	height: number;
	rgba: Uint8ClampedArray;
}

export type LoopEvent =
	| { type: 'idle' }
	| { type: 'claimed'; job: JobTicket }
	| { type: 'progress'; job: JobTicket; stage: string; done: number; total: number }
	| { type: 'preview'; job: JobTicket; preview: PreviewImage }
	| { type: 'completed'; job: JobTicket; status: string; ms: number; frames: number }
	| { type: 'failed'; job: JobTicket; error: string }
	| { type: 'error'; error: string; job?: JobTicket };

export interface JobLoopOptions {
	api: JobApi;
	pool: KernelPool;
	/** The star catalogue each stack is plate-solved against: the server's /catalog/ in a browser, the checkout's static/catalog in Node. */
	catalog: CatalogSource;
	workerId: string;
	cache?: FrameCache;
	/** Return after one job, or at once when there is none. */
	once?: boolean;
	/** Wait after an empty claim (doubled on each further empty claim, up to 8x); default 5000 ms. */
	idleDelayMs?: number;
	/** Abort: the job in hand is given back, then the loop resolves. */
	signal?: AbortSignal;
	onEvent?: (e: LoopEvent) => void;
	/** Frames downloaded at once; default 3. */
	downloadConcurrency?: number;
	/** Smallest gap between two preview events; default 500 ms. */
	previewIntervalMs?: number;
}
