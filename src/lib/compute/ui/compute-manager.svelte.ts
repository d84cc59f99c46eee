/**
 * The Compute page's state and driver: idle → running ⇄ paused. Start builds a kernel pool of Web
 * Workers, checks that they start, and runs the shared job loop with an AbortController; Pause
 * aborts it (the loop gives the lease back). Loop events become the current job, its stage
 * progress, the growing preview, the log and the totals. The loop function is the one seam tests
 * replace.
 */
import type { JobTicket, VolunteerTotals } from '$lib/api/jobs';
import type { CatalogSource } from '$lib/catalog/source';
import type { FrameCache, JobApi, JobLoopOptions, LoopEvent } from '$lib/compute';
import type { Preview } from '$lib/stacking/preview';
import type { KernelPool } from '$lib/stacking/pool/types';
import { loadPrefs, savePrefs, type PrefsStorage } from './prefs';
import { advance, emptyProgress, isStage, type Stage, type StageProgress } from './stages';
import { fetchTotals } from './stats';
import { errorMessage } from '$lib/util/error-message';
import { toHex } from '$lib/util/hex';

export type ComputeState = 'idle' | 'running' | 'paused';

/** The loop's base wait before asking again when there is nothing to do or no server. */
export const IDLE_SECONDS = 10;
/**
 * The job loop lets the wait grow while nothing comes (backoff with jitter, at most doubling per
 * quiet claim up to this factor): the page mirrors it to say how long the next check may take.
 */
export const MAX_WAIT_FACTOR = 8;
/** Kernel workers that have not answered by then are reported as not starting. */
export const WORKER_START_MS = 30_000;
/** Entries kept in the log of recent jobs. */
export const LOG_LENGTH = 20;

export interface LogEntry {
	jobId: number;
	object: string | null;
	chunkKey: string;
	frames: number;
	/** 'completed' and 'awaiting-agreement' come from the server, 'failed' from the loop. */
	outcome: string;
	reason?: string;
	ms: number;
	at: number;
}

export interface ComputeDeps {
	runLoop(opts: JobLoopOptions): Promise<{ jobs: number }>;
	createPool(size: number): KernelPool;
	createApi(): JobApi;
	createCache(): FrameCache | undefined;
	/** The star catalogue stacks are solved against. */
	catalog: CatalogSource;
	fetchTotals(): Promise<VolunteerTotals>;
	storage: PrefsStorage | null;
	sendBeacon(url: string, body: Blob): boolean;
	/** Why this tab cannot stack at all (e.g. no Web Workers), or null. */
	cannotStack(): string | null;
	now(): number;
	cores: number;
}

export class ComputeManager {
	state = $state<ComputeState>('idle');
	/** Why it is paused: the volunteer, or the tab going out of sight. */
	pausedBy = $state<'you' | 'hidden' | null>(null);
	/** Between Start and the workers answering. */
	starting = $state(false);
	/** Between Pause and the loop having handed its job back. */
	stopping = $state(false);
	poolSize = $state(1);
	pauseWhenHidden = $state(false);
	job = $state.raw<JobTicket | null>(null);
	stage = $state<Stage | null>(null);
	progress = $state.raw<Record<Stage, StageProgress>>(emptyProgress());
	preview = $state.raw<Preview | null>(null);
	/** The job the preview belongs to: it stays on screen after that job ends. */
	previewJob = $state.raw<JobTicket | null>(null);
	/** The server had nothing to do at the last claim. */
	waiting = $state(false);
	/** A passing fault the loop retries (server unreachable, …); cleared by its next success. */
	notice = $state<string | null>(null);
	/** Empty or failed claims in a row (the loop's wait grows with them). */
	quietClaims = $state(0);
	/** Why computing stopped and cannot go on by itself (workers did not start, loop crashed). */
	fatal = $state<string | null>(null);
	log = $state.raw<LogEntry[]>([]);
	totals = $state.raw<VolunteerTotals | null>(null);
	totalsError = $state<string | null>(null);

	/** Set when this tab can never stack: Start stays off and the page says why. */
	readonly blocked: string | null;
	readonly maxPoolSize: number;
	readonly workerId: string;

	private readonly deps: ComputeDeps;
	private controller: AbortController | null = null;
	private running: Promise<void> | null = null;
	private claimedAt = 0;
	/** A new pool size waits for a moment between jobs. */
	private resizePending = false;

	constructor(deps: Partial<ComputeDeps> & Pick<ComputeDeps, 'runLoop' | 'createPool' | 'createApi' | 'catalog'>) {
		this.deps = {
			createCache: () => undefined,
			fetchTotals: () => fetchTotals(),
			storage: null,
			sendBeacon: () => false,
			cannotStack: () => null,
			now: () => Date.now(),
			cores: 1,
			...deps
		};
		this.maxPoolSize = Math.max(1, Math.floor(this.deps.cores) || 1);
		const prefs = loadPrefs(this.deps.storage);
		this.pauseWhenHidden = prefs.pauseWhenHidden;
		// By default every core: the page's own work is light, and a volunteer who wants one free picks fewer.
		this.poolSize = clampSize(prefs.poolSize ?? this.maxPoolSize, this.maxPoolSize);
		this.workerId = `browser-${toHex(crypto.getRandomValues(new Uint8Array(8)))}`;
		this.blocked = this.deps.cannotStack();
	}

	/** The longest the loop waits before its next claim, after the latest quiet one. */
	readonly nextCheckSeconds = $derived(IDLE_SECONDS * Math.min(MAX_WAIT_FACTOR, 2 ** Math.max(0, this.quietClaims - 1)));

	/** Polite, for screen readers: changes once per stage, job or state, not per frame. */
	readonly announcement = $derived.by(() => {
		if (this.fatal) return `Computing stopped: ${this.fatal}`;
		if (this.state === 'paused') return this.pausedBy === 'hidden' ? 'Paused while the tab is hidden.' : 'Paused.';
		if (this.state !== 'running') return '';
		if (this.job) return `Job ${this.job.id}, ${this.job.object ?? 'unknown object'}: ${this.stage ?? 'starting'}.`;
		if (this.waiting) return 'No jobs waiting.';
		return 'Looking for a job.';
	});

	async refreshTotals(): Promise<void> {
		try {
			this.totals = await this.deps.fetchTotals();
			this.totalsError = null;
		} catch (error) {
			this.totalsError = `Could not load your totals: ${errorMessage(error)}`;
		}
	}

	/** Starts (or resumes) computing. Resolves once the loop runs or has failed to start. */
	async start(): Promise<void> {
		if (this.state === 'running') return;
		// Claiming jobs this tab cannot stack would only fail them and spend their retries.
		if (this.blocked) return this.stop(this.blocked);
		if (this.running) await this.running; // a paused loop still handing its job back
		this.state = 'running';
		this.pausedBy = null;
		this.fatal = null;
		this.notice = null;
		this.waiting = false;
		this.quietClaims = 0;
		const controller = new AbortController();
		this.controller = controller;
		let ready!: () => void;
		const started = new Promise<void>((resolve) => (ready = resolve));
		this.running = this.run(controller, ready).finally(() => {
			if (this.controller === controller) this.controller = null;
			this.running = null;
		});
		await started;
	}

	/** Aborts the loop; it gives the lease of the current job back. */
	pause(by: 'you' | 'hidden' = 'you'): Promise<void> {
		if (this.state !== 'running') return Promise.resolve();
		this.state = 'paused';
		this.pausedBy = by;
		this.stopping = this.running !== null;
		this.controller?.abort();
		return this.running ?? Promise.resolve();
	}

	setPoolSize(size: number): void {
		const next = clampSize(size, this.maxPoolSize);
		if (next === this.poolSize) return;
		this.poolSize = next;
		this.savePrefs();
		if (this.state !== 'running') return;
		this.resizePending = true;
		if (!this.job && !this.starting) void this.applyResize();
	}

	setPauseWhenHidden(on: boolean, hidden = false): void {
		this.pauseWhenHidden = on;
		this.savePrefs();
		if (on && hidden) void this.pause('hidden');
	}

	/** visibilitychange: pause when hidden (if chosen), carry on when visible again if that paused it. */
	visibilityChanged(hidden: boolean): void {
		if (hidden && this.pauseWhenHidden && this.state === 'running') void this.pause('hidden');
		else if (!hidden && this.state === 'paused' && this.pausedBy === 'hidden') void this.start();
	}

	/** pagehide: a fetch may not outlive the page, a beacon does; the lease goes back at once. */
	pageHidden(): void {
		const job = this.job;
		if (job) {
			const body = new Blob([JSON.stringify({ leaseToken: job.leaseToken })], { type: 'application/json' });
			this.deps.sendBeacon(`/api/jobs/${job.id}/return`, body);
		}
		void this.pause('you');
	}

	/** Browser wiring: visibility and pagehide listeners; returns the cleanup. */
	watch(doc: Document, win: Window): () => void {
		const onVisibility = () => this.visibilityChanged(doc.hidden);
		const onPageHide = () => this.pageHidden();
		doc.addEventListener('visibilitychange', onVisibility);
		win.addEventListener('pagehide', onPageHide);
		return () => {
			doc.removeEventListener('visibilitychange', onVisibility);
			win.removeEventListener('pagehide', onPageHide);
		};
	}

	private async run(controller: AbortController, ready: () => void): Promise<void> {
		let pool: KernelPool | null = null;
		this.starting = true;
		try {
			pool = this.deps.createPool(this.poolSize);
			await workersStarted(pool, controller.signal);
			this.starting = false;
			ready();
			if (controller.signal.aborted) return;
			await this.deps.runLoop({
				api: this.deps.createApi(),
				pool,
				catalog: this.deps.catalog,
				workerId: this.workerId,
				cache: this.deps.createCache(),
				idleDelayMs: IDLE_SECONDS * 1000,
				signal: controller.signal,
				onEvent: (event) => this.onEvent(event)
			});
			// The loop only returns by itself when aborted; anything else would be a stop without reason.
			if (!controller.signal.aborted) this.stop('the job loop ended unexpectedly');
		} catch (error) {
			if (!controller.signal.aborted) this.stop(errorMessage(error));
		} finally {
			this.starting = false;
			ready();
			this.clearJob();
			this.waiting = false;
			this.stopping = false;
			await pool?.close().catch(() => {});
		}
	}

	private stop(reason: string): void {
		this.fatal = reason;
		this.state = 'idle';
		this.pausedBy = null;
	}

	private onEvent(event: LoopEvent): void {
		switch (event.type) {
			case 'idle':
				this.waiting = true;
				this.notice = null;
				this.quietClaims++;
				this.clearJob();
				// A result awaiting a second volunteer counts once accepted, after this tab's own job ended.
				void this.refreshTotals();
				if (this.resizePending) void this.applyResize();
				break;
			case 'claimed':
				this.waiting = false;
				this.notice = null;
				this.quietClaims = 0;
				this.clearJob();
				this.job = event.job;
				this.claimedAt = this.deps.now();
				break;
			case 'progress':
				if (!isStage(event.stage)) break;
				this.stage = event.stage;
				this.progress = advance(this.progress, event.stage, event.done, event.total);
				break;
			case 'preview':
				this.preview = event.preview;
				this.previewJob = event.job;
				break;
			case 'completed':
				this.record(event.job, event.status, event.ms, event.frames);
				break;
			case 'failed':
				this.record(event.job, 'failed', this.deps.now() - this.claimedAt, event.job.frameCount, event.error);
				break;
			case 'error':
				// Without a job it is the claim: the server could not be reached, the loop waits and retries.
				if (event.job) this.notice = event.error;
				else {
					this.quietClaims++;
					this.notice = `Server unreachable — retrying in up to ${this.nextCheckSeconds} s (${event.error}).`;
				}
				break;
		}
	}

	private record(job: JobTicket, outcome: string, ms: number, frames: number, reason?: string): void {
		const entry: LogEntry = { jobId: job.id, object: job.object, chunkKey: job.chunkKey, frames, outcome, reason, ms, at: this.deps.now() };
		this.log = [entry, ...this.log].slice(0, LOG_LENGTH);
		this.clearJob();
		void this.refreshTotals();
		if (this.resizePending) void this.applyResize();
	}

	private clearJob(): void {
		this.job = null;
		this.stage = null;
		this.progress = emptyProgress();
	}

	/** Between jobs: a new pool needs a new loop (no lease is held at this moment). */
	private async applyResize(): Promise<void> {
		this.resizePending = false;
		await this.pause('you');
		await this.start();
	}

	private savePrefs(): void {
		savePrefs(this.deps.storage, { pauseWhenHidden: this.pauseWhenHidden, poolSize: this.poolSize });
	}
}

function clampSize(size: number, max: number): number {
	return Number.isFinite(size) ? Math.min(max, Math.max(1, Math.round(size))) : 1;
}

/** Every worker answers once (the WASM kernel loaded), or the reason it did not. */
async function workersStarted(pool: KernelPool, signal: AbortSignal): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`the kernel workers did not start within ${WORKER_START_MS / 1000} s`)),
			WORKER_START_MS
		);
	});
	const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
	try {
		await Promise.race([pool.memoryBytes(), late, aborted]);
	} finally {
		clearTimeout(timer);
	}
}
