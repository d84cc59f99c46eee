/**
 * The Upload page's state and driver (after Immich's upload store + fileUploadHandler): files are
 * inspected (header only), listed and grouped into chunks; on start they are hashed, checked
 * against the server, and the missing ones are sent three at a time with progress, retries and
 * pause. IndexedDB remembers hashes and the session token; the server's lists are the truth.
 */
import { groupChunks, type Cadence, type Chunk, type FrameInfo } from '$lib/chunks';
import { mapLimited } from '$lib/stacking/map-limited';
import * as api from './api';
import { overQuota, projectedMb, type StorageUse } from '$lib/api/quota';
import type { SessionJob, UploadedFile } from '$lib/api/uploads';
import { ApiError } from '$lib/api/api-error';
import { isAbort, reportError } from './api';
import { ExecutorQueue } from './executor-queue';
import { sha256Hex } from '$lib/util/sha256';
import { inspectFile, quickReject, type Inspection } from './inspect';
import { whenOnline } from './online';
import * as persistence from './persistence';
import { SpeedMeter, secondsLeft } from './progress';
import { fileKey, knownHash, planUploads, type FileRecord } from './resume';
import { withRetry } from './retry';
import { UploadItem, type ItemState } from './upload-item.svelte';

export const UPLOAD_CONCURRENCY = 3;
/** Header reads in flight: each is one or two small slices, so more than uploads. */
const READ_CONCURRENCY = 8;
/** Whole-file hashes in flight: each holds one file in memory. */
const HASH_CONCURRENCY = 2;
/** Results are put on screen in batches, so thousands of files do not re-render thousands of times. */
const FLUSH_MS = 200;
const TICK_MS = 500;

export interface Rejection {
	name: string;
	size: number;
	reason: string;
}

export interface UploadDeps {
	api: Pick<typeof api, 'createSession' | 'getSession' | 'checkFiles' | 'putFile' | 'finalizeSession'>;
	store: Pick<typeof persistence, 'loadRecords' | 'saveRecords' | 'loadToken' | 'saveToken'>;
	hash(file: File): Promise<string>;
	inspect(file: File): Promise<Inspection>;
	whenOnline(): Promise<void>;
	now(): number;
}

const browserDeps: UploadDeps = {
	api,
	store: persistence,
	hash: sha256Hex,
	inspect: inspectFile,
	whenOnline,
	now: () => performance.now()
};

export class UploadManager {
	cadence = $state<Cadence>(15);
	/** Accepted frames, sorted by time; replaced as a whole (each item's own fields are reactive). */
	items = $state.raw<UploadItem[]>([]);
	rejected = $state.raw<Rejection[]>([]);
	/** Header reading of the latest drop. */
	reading = $state({ done: 0, total: 0 });
	/** Batches being hashed and checked. */
	preparing = $state(0);
	paused = $state(false);
	online = $state(true);
	token = $state<string | null>(null);
	/** What the server holds in the open session (after load, each batch and finalize). */
	sessionFiles = $state.raw<UploadedFile[]>([]);
	jobs = $state.raw<SessionJob[] | null>(null);
	finalizing = $state(false);
	/** A page-level error from the funnel (session, check, finalize). */
	notice = $state<string | null>(null);
	bytesPerSecond = $state(0);
	/** The account's storage use and limit (from the page), kept up as files are stored. */
	storage = $state<StorageUse | null>(null);
	etaSeconds = $state<number | null>(null);

	readonly chunks: Chunk[] = $derived(groupChunks(this.items.map((item) => item.frame), this.cadence));
	readonly chunkOf: Map<FrameInfo, Chunk> = $derived(
		new Map(this.chunks.flatMap((chunk) => chunk.frames.map((frame) => [frame, chunk] as const)))
	);
	readonly counts: Record<ItemState, number> = $derived.by(() => {
		const counts = { pending: 0, hashing: 0, queued: 0, uploading: 0, done: 0, duplicate: 0, error: 0 };
		for (const item of this.items) counts[item.state]++;
		return counts;
	});
	readonly totals = $derived.by(() => {
		let bytes = 0;
		let sent = 0;
		for (const item of this.items) {
			bytes += item.file.size;
			sent += item.loaded;
		}
		return { files: this.items.length, bytes, sent, settled: this.counts.done + this.counts.duplicate };
	});
	readonly busy = $derived(
		this.reading.done < this.reading.total ||
			this.preparing > 0 ||
			this.counts.hashing + this.counts.queued + this.counts.uploading > 0
	);
	/**
	 * What sending the pending files would add to storage use, before anything is sent: files the
	 * open session already holds (same name and size) are not counted; the server's check, which
	 * knows every stored hash, has the last word.
	 */
	readonly projection = $derived.by(() => {
		const held = new Set(this.sessionFiles.map((file) => `${file.name}:${file.size}`));
		let bytes = 0;
		for (const item of this.items) {
			if (item.state === 'pending' && !held.has(`${item.file.name}:${item.file.size}`)) bytes += item.file.size;
		}
		if (!this.storage) return null;
		return { bytes, afterMb: projectedMb(this.storage, bytes), refusal: overQuota(this.storage, bytes) };
	});
	readonly finalized = $derived(this.jobs !== null);
	readonly canFinalize = $derived(
		!this.busy && !this.finalizing && this.token !== null && this.sessionFiles.length > 0
	);

	private readonly deps: UploadDeps;
	private readonly queue = new ExecutorQueue(UPLOAD_CONCURRENCY);
	private readonly inFlight = new Map<UploadItem, AbortController>();
	private records = new Map<string, FileRecord>();
	private unsaved: FileRecord[] = [];
	private nextId = 1;
	private readonly meter = new SpeedMeter();
	/** Bytes that went over the wire (never decreases; the speed comes from it). */
	private transferred = 0;
	private ticker: ReturnType<typeof setInterval> | undefined;

	constructor(deps: Partial<UploadDeps> = {}) {
		this.deps = { ...browserDeps, ...deps };
	}

	/** Page start: the cadence, and the server's open session (a reload resumes it). */
	async init({ cadence, token, storage }: { cadence: Cadence; token: string | null; storage?: StorageUse }): Promise<void> {
		this.cadence = cadence;
		this.storage = storage ?? null;
		try {
			this.records = await this.deps.store.loadRecords();
			if (!token && (await this.deps.store.loadToken())) await this.deps.store.saveToken(null);
		} catch (error) {
			// Private windows may refuse IndexedDB: uploads still work, only hashes are not kept.
			console.warn('IndexedDB unavailable:', error);
		}
		if (token) {
			this.token = token;
			try {
				if ((await this.refreshSession()) === null) this.token = null;
				else this.deps.store.saveToken(token).catch(() => {});
			} catch (error) {
				this.notice = reportError(error, 'Could not read the open upload');
			}
		}
	}

	/** Adds dropped or picked files: cheap checks at once, then headers in the background. */
	async add(files: File[]): Promise<void> {
		const known = new Set(this.items.map((item) => item.key));
		const fresh = files.filter((file) => {
			const key = fileKey(file);
			if (known.has(key)) return false;
			known.add(key);
			return true;
		});
		const quick: Rejection[] = [];
		const toRead: File[] = [];
		for (const file of fresh) {
			const reason = quickReject(file.name, file.size);
			if (reason) quick.push({ name: file.name, size: file.size, reason });
			else toRead.push(file);
		}
		this.rejected = [...this.rejected, ...quick];
		this.reading = { done: 0, total: toRead.length };

		let accepted: UploadItem[] = [];
		let refused: Rejection[] = [];
		let readCount = 0;
		const flush = () => {
			if (accepted.length) this.items = sortByTime([...this.items, ...accepted]);
			if (refused.length) this.rejected = [...this.rejected, ...refused];
			this.reading = { done: readCount, total: toRead.length };
			accepted = [];
			refused = [];
		};
		const timer = setInterval(flush, FLUSH_MS);
		try {
			await mapLimited(toRead, READ_CONCURRENCY, async (file) => {
				const result = await this.deps.inspect(file);
				if (result.ok) accepted.push(new UploadItem(this.nextId++, file, result.frame));
				else refused.push({ name: file.name, size: file.size, reason: result.reason });
				readCount++;
			});
		} finally {
			clearInterval(timer);
			flush();
		}
	}

	/**
	 * Hashes, checks and queues every pending file; resolves when they have all settled. Safe to
	 * call again for files added meanwhile.
	 */
	async start(): Promise<void> {
		const batch = this.items.filter((item) => item.state === 'pending');
		if (batch.length === 0) return;
		// Over quota: refused in the page (the projection shows the server's own words), nothing hashed or sent.
		if (this.projection?.refusal) return;
		this.preparing++;
		this.notice = null;
		this.startTicker();
		let uploads: Promise<void>[] = [];
		try {
			await this.hashAll(batch);
			const hashed = batch.filter((item) => item.state === 'hashing');
			await this.ensureOpenSession();
			const have = await this.deps.api.checkFiles(
				this.token!,
				hashed.map((item) => ({ name: item.file.name, size: item.file.size, sha256: item.sha256! }))
			);
			const verdicts = planUploads(
				hashed.map((item) => ({ name: item.file.name, sha256: item.sha256! })),
				new Set(this.sessionFiles.map((file) => file.sha256)),
				have
			);
			const twins = new Set<UploadItem>();
			const reasons: Rejection[] = [];
			verdicts.forEach((verdict, i) => {
				const item = hashed[i];
				if (verdict.kind === 'sent') item.to('done', 'already in this upload');
				else if (verdict.kind === 'duplicate') item.to('duplicate', 'already uploaded before');
				else if (verdict.kind === 'upload') item.to('queued');
				else {
					twins.add(item);
					const { name, size } = item.file;
					reasons.push({ name, size, reason: `same content as ${verdict.of} (duplicate in this drop)` });
				}
			});
			if (twins.size) {
				this.items = this.items.filter((item) => !twins.has(item));
				this.rejected = [...this.rejected, ...reasons];
			}
			uploads = hashed.filter((item) => item.state === 'queued').map((item) => this.enqueue(item));
		} catch (error) {
			this.notice = reportError(error, 'Could not start the upload');
			for (const item of batch) if (item.state === 'hashing') item.to('pending');
		} finally {
			this.preparing--;
		}
		await this.saveUnsaved();
		if (uploads.length) await Promise.all(uploads);
		else if (!this.busy) await this.settle();
	}

	pause(): void {
		this.paused = true;
		this.queue.pause();
		for (const controller of this.inFlight.values()) controller.abort();
	}

	resume(): void {
		this.paused = false;
		this.queue.resume();
	}

	/** A failed file goes through the whole path again (hash, check, upload). */
	retry(item: UploadItem): Promise<void> {
		if (item.state !== 'error') return Promise.resolve();
		item.to('pending');
		return this.start();
	}

	retryFailed(): Promise<void> {
		for (const item of this.items) if (item.state === 'error') item.to('pending');
		return this.start();
	}

	/** Turns the session's chunks into jobs; a second call shows the same jobs and creates none. */
	async finalize(): Promise<void> {
		if (!this.token || this.busy) return;
		this.finalizing = true;
		this.notice = null;
		try {
			const { jobs } = await this.deps.api.finalizeSession(this.token);
			this.jobs = jobs;
			this.deps.store.saveToken(null).catch(() => {});
		} catch (error) {
			this.notice = reportError(error, 'Could not finalize');
		} finally {
			this.finalizing = false;
		}
	}

	/** After finalizing: an empty page; the next start opens a new session. */
	reset(): void {
		if (this.busy) return;
		this.items = [];
		this.rejected = [];
		this.jobs = null;
		this.token = null;
		this.sessionFiles = [];
		this.notice = null;
		this.reading = { done: 0, total: 0 };
		this.transferred = 0;
		this.meter.reset();
	}

	/** Follows the browser's online/offline events; returns the cleanup. */
	watchNetwork(): () => void {
		const update = () => (this.online = navigator.onLine);
		update();
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
			clearInterval(this.ticker);
		};
	}

	private async openSession(): Promise<void> {
		const { token } = await this.deps.api.createSession();
		this.token = token;
		this.jobs = null;
		this.sessionFiles = [];
		this.deps.store.saveToken(token).catch(() => {});
	}

	/** The session to upload into: the open one, or a new one when it was finalized or has expired. */
	private async ensureOpenSession(): Promise<void> {
		if (this.token && !this.finalized && (await this.refreshSession()) === 'uploading') return;
		await this.openSession();
	}

	/** Reads the session's files from the server; null when it no longer exists. */
	private async refreshSession(): Promise<string | null> {
		if (!this.token) return null;
		try {
			const session = await this.deps.api.getSession(this.token);
			this.sessionFiles = session.files;
			if (session.status === 'complete') this.jobs = session.jobs;
			return session.status;
		} catch (error) {
			if (error instanceof ApiError && error.status === 404) return null;
			throw error;
		}
	}

	private async hashAll(batch: UploadItem[]): Promise<void> {
		await mapLimited(batch, HASH_CONCURRENCY, async (item) => {
			item.to('hashing');
			try {
				item.sha256 = knownHash(item.file, this.records) ?? (await this.deps.hash(item.file));
				this.remember(item, 'hashed');
			} catch (error) {
				item.to('error', reportError(error, 'Could not read the file to hash it'));
			}
		});
	}

	private enqueue(item: UploadItem): Promise<void> {
		return this.queue.add(() => this.send(item)).then(async () => {
			await this.saveUnsaved();
			if (!this.busy) await this.settle();
		});
	}

	/** One file: PUT with progress, retried after network failures; never throws. */
	private async send(item: UploadItem): Promise<void> {
		const token = this.token!;
		const controller = new AbortController();
		this.inFlight.set(item, controller);
		item.to('uploading');
		try {
			const result = await withRetry(
				() =>
					this.deps.api.putFile(token, item.file, item.sha256!, {
						signal: controller.signal,
						onProgress: (loaded) => this.progress(item, loaded)
					}),
				{
					retryable: (error) => error instanceof ApiError && error.retryable,
					whenOnline: this.deps.whenOnline,
					signal: controller.signal,
					onRetry: (attempt, delay) => {
						this.progress(item, 0);
						item.message = `connection lost, retry ${attempt} in ${Math.round(delay / 1000)} s`;
					}
				}
			);
			if (result.duplicate) {
				item.to('duplicate', 'already uploaded before');
			} else {
				item.to('done');
				if (this.storage) this.storage = { ...this.storage, usedMb: projectedMb(this.storage, item.file.size) };
				this.sessionFiles = [...this.sessionFiles, { id: result.id, name: result.name, size: item.file.size, sha256: result.sha256, chunkKey: result.chunkKey, telescope: item.frame.telescope }];
			}
			this.remember(item, item.state === 'done' ? 'done' : 'duplicate', token);
		} catch (error) {
			if (isAbort(error)) {
				// Paused: back in line, sent again on resume.
				item.to('queued');
				this.inFlight.delete(item);
				void this.enqueue(item);
				return;
			}
			item.to('error', reportError(error, 'Upload failed'));
		} finally {
			if (this.inFlight.get(item) === controller) this.inFlight.delete(item);
		}
	}

	private progress(item: UploadItem, loaded: number): void {
		const delta = loaded - item.loaded;
		if (delta > 0) this.transferred += delta;
		item.loaded = loaded;
	}

	private remember(item: UploadItem, state: FileRecord['state'], token: string | null = null): void {
		const { name, size, lastModified } = item.file;
		const record: FileRecord = { key: item.key, name, size, lastModified, sha256: item.sha256!, state, token };
		this.records.set(item.key, record);
		this.unsaved.push(record);
	}

	private async saveUnsaved(): Promise<void> {
		const records = this.unsaved;
		this.unsaved = [];
		await this.deps.store.saveRecords(records).catch((error) => console.warn('IndexedDB write failed:', error));
	}

	/** Speed and time left, twice a second while anything moves. */
	private startTicker(): void {
		if (this.ticker !== undefined) return;
		this.ticker = setInterval(() => {
			this.meter.sample(this.deps.now(), this.transferred);
			this.bytesPerSecond = this.meter.bytesPerSecond();
			const { bytes, sent } = this.totals;
			this.etaSeconds = secondsLeft(bytes - sent, this.bytesPerSecond);
			if (!this.busy) this.stopTicker();
		}, TICK_MS);
	}

	private stopTicker(): void {
		clearInterval(this.ticker);
		this.ticker = undefined;
		this.bytesPerSecond = 0;
		this.etaSeconds = null;
		this.meter.reset();
	}

	/** Everything settled: take the server's list again (it is the truth). */
	private async settle(): Promise<void> {
		try {
			await this.refreshSession();
		} catch (error) {
			this.notice = reportError(error, 'Could not read the upload session');
		}
	}
}

function sortByTime(items: UploadItem[]): UploadItem[] {
	return items.sort((a, b) => a.frame.dateObs - b.frame.dateObs || a.file.name.localeCompare(b.file.name) || a.id - b.id);
}
