/**
 * The Compute page's manager with a fake job loop (the one seam): its state machine, what loop
 * events do to the page's state, visibility pauses, remembered choices and the pagehide beacon.
 */
import { describe, expect, it, vi } from 'vitest';
import type { JobTicket, VolunteerTotals } from '$lib/api/jobs';
import type { JobLoopOptions, LoopEvent } from '$lib/compute';
import { ComputeManager, IDLE_SECONDS, type ComputeDeps } from '$lib/compute/ui/compute-manager.svelte';
import { diskCatalogSource } from '$lib/catalog/disk-source';
import type { KernelPool } from '$lib/stacking/pool/types';

const ticket = (id: number, frameCount = 6): JobTicket => ({
	id,
	chunkKey: `20250327.06_192.7_s41.1#${id}`,
	object: 'M 94',
	telescope: 'S50',
	frameCount,
	leaseToken: `lease-${id}`,
	leaseSeconds: 120,
	files: []
});

/** A loop that does what it is told through `emit`, and returns once aborted (as the real one). */
function fakeLoop() {
	const runs: JobLoopOptions[] = [];
	const runLoop = vi.fn((opts: JobLoopOptions) => {
		runs.push(opts);
		return new Promise<{ jobs: number }>((resolve) => {
			if (opts.signal?.aborted) return resolve({ jobs: 0 });
			opts.signal?.addEventListener('abort', () => setTimeout(() => resolve({ jobs: 0 }), 5), { once: true });
		});
	});
	const emit = (event: LoopEvent) => runs.at(-1)!.onEvent!(event);
	return { runLoop, runs, emit };
}

function fakePool(size: number, started: Promise<number> = Promise.resolve(0)): KernelPool & { closed: boolean } {
	const pool = {
		size,
		closed: false,
		memoryBytes: () => started,
		close: async () => {
			pool.closed = true;
		}
	};
	return pool as unknown as KernelPool & { closed: boolean };
}

function memoryStorage() {
	const data = new Map<string, string>();
	return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function setup(over: Partial<ComputeDeps> = {}) {
	const loop = fakeLoop();
	const pools: (KernelPool & { closed: boolean })[] = [];
	let totals: VolunteerTotals = { jobs: 0, frames: 0, cpuMs: 0 };
	const fetchTotals = vi.fn(async () => totals);
	let clock = 1_000_000;
	const sendBeacon = vi.fn((_url: string, _body: Blob) => true);
	const deps = {
		runLoop: loop.runLoop,
		createPool: vi.fn((n: number) => {
			const pool = fakePool(n);
			pools.push(pool);
			return pool;
		}),
		createApi: () => ({}) as ComputeDeps extends { createApi(): infer A } ? A : never,
		// The fake loop never solves: the catalogue is only handed through.
		catalog: diskCatalogSource('static/catalog'),
		fetchTotals,
		storage: memoryStorage(),
		sendBeacon,
		now: () => clock,
		cores: 4,
		...over
	} satisfies Partial<ComputeDeps>;
	const manager = new ComputeManager(deps);
	return {
		manager,
		deps,
		loop,
		pools,
		fetchTotals,
		sendBeacon,
		setTotals: (t: VolunteerTotals) => (totals = t),
		tick: (ms: number) => (clock += ms)
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('state machine', () => {
	it('idle → running with a pool of the chosen size and an abortable loop → paused, lease handed back by the abort', async () => {
		const { manager, deps, loop, pools } = setup();
		expect(manager.state).toBe('idle');
		expect(manager.poolSize).toBe(4); // 4 cores: all of them by default

		await manager.start();
		expect(manager.state).toBe('running');
		expect(deps.createPool).toHaveBeenCalledWith(4);
		const opts = loop.runs[0];
		expect(opts.pool).toBe(pools[0]);
		expect(opts.workerId).toMatch(/^browser-[0-9a-f]{16}$/);
		expect(opts.idleDelayMs).toBe(IDLE_SECONDS * 1000);
		expect(opts.signal?.aborted).toBe(false);

		loop.emit({ type: 'claimed', job: ticket(7) });
		const paused = manager.pause();
		expect(manager.state).toBe('paused');
		expect(manager.pausedBy).toBe('you');
		expect(opts.signal?.aborted).toBe(true);
		expect(manager.stopping).toBe(true);
		await paused;
		expect(manager.stopping).toBe(false);
		expect(manager.job).toBeNull();
		expect(pools[0].closed).toBe(true);
	});

	it('resumes with a new loop and pool; start while running does nothing', async () => {
		const { manager, loop, pools } = setup();
		await manager.start();
		await manager.start();
		expect(loop.runLoop).toHaveBeenCalledTimes(1);
		await manager.pause();
		await manager.start();
		expect(manager.state).toBe('running');
		expect(loop.runLoop).toHaveBeenCalledTimes(2);
		expect(pools).toHaveLength(2);
		expect(loop.runs[1].signal?.aborted).toBe(false);
		// The same tab keeps one worker id.
		expect(loop.runs[1].workerId).toBe(loop.runs[0].workerId);
	});

	it('workers that fail to start stop it with their error, and the loop never runs', async () => {
		const died = Promise.reject(new Error('kernel worker 0 failed: blocked by COEP'));
		died.catch(() => {});
		const { manager, loop } = setup({ createPool: (n) => fakePool(n, died) });
		await manager.start();
		await settle();
		expect(manager.state).toBe('idle');
		expect(manager.fatal).toBe('kernel worker 0 failed: blocked by COEP');
		expect(loop.runLoop).not.toHaveBeenCalled();
	});

	it('a pool that cannot be built at all is shown the same way', async () => {
		const { manager } = setup({
			createPool: () => {
				throw new Error('Worker is not defined');
			}
		});
		await manager.start();
		await settle();
		expect(manager.state).toBe('idle');
		expect(manager.fatal).toBe('Worker is not defined');
	});

	it('a loop that throws (e.g. the session expired) stops with the reason; Start clears it', async () => {
		const { manager, pools } = setup({ runLoop: () => Promise.reject(new Error('POST /api/jobs/claim: 401 log in first')) });
		await manager.start();
		await settle();
		expect(manager.state).toBe('idle');
		expect(manager.fatal).toContain('401 log in first');
		expect(pools[0].closed).toBe(true);
		const again = manager.start();
		expect(manager.fatal).toBeNull();
		await again;
	});
});

describe('loop events', () => {
	it('claimed → the job; progress → its stage and the stages before it finished; preview kept', async () => {
		const { manager, loop } = setup();
		await manager.start();
		const job = ticket(3, 4);
		loop.emit({ type: 'claimed', job });
		expect(manager.job).toEqual(job);
		expect(manager.announcement).toBe('Job 3, M 94: starting.');

		loop.emit({ type: 'progress', job, stage: 'download', done: 2, total: 4 });
		expect(manager.progress.download).toEqual({ done: 2, total: 4 });
		loop.emit({ type: 'progress', job, stage: 'combine', done: 5, total: 12 });
		expect(manager.stage).toBe('combine');
		expect(manager.progress.combine).toEqual({ done: 5, total: 12 });
		for (const stage of ['download', 'open', 'analyse', 'align'] as const)
			expect(manager.progress[stage].done, stage).toBe(manager.progress[stage].total);
		expect(manager.progress.write.total).toBe(0);
		expect(manager.announcement).toBe('Job 3, M 94: combine.');

		const preview = { width: 2, height: 1, rgba: new Uint8ClampedArray(8).fill(9) };
		loop.emit({ type: 'preview', job, preview });
		expect(manager.preview).toBe(preview);
		expect(manager.previewJob?.id).toBe(3);
		// A stage name the page does not know is ignored rather than breaking the bars.
		loop.emit({ type: 'progress', job, stage: 'polish', done: 1, total: 1 });
		expect(manager.stage).toBe('combine');
	});

	it('completed → a log entry, no current job, totals fetched again; the preview stays as the last stack', async () => {
		const { manager, loop, fetchTotals, setTotals } = setup();
		await manager.refreshTotals();
		expect(manager.totals).toEqual({ jobs: 0, frames: 0, cpuMs: 0 });
		await manager.start();
		const job = ticket(5);
		loop.emit({ type: 'claimed', job });
		loop.emit({ type: 'preview', job, preview: { width: 1, height: 1, rgba: new Uint8ClampedArray(4) } });
		setTotals({ jobs: 1, frames: 6, cpuMs: 42_000 });
		loop.emit({ type: 'completed', job, status: 'awaiting-agreement', ms: 31_000, frames: 6 });
		await settle();
		expect(fetchTotals).toHaveBeenCalledTimes(2);
		expect(manager.totals).toEqual({ jobs: 1, frames: 6, cpuMs: 42_000 });
		expect(manager.job).toBeNull();
		expect(manager.log).toHaveLength(1);
		expect(manager.log[0]).toMatchObject({ jobId: 5, outcome: 'awaiting-agreement', ms: 31_000, frames: 6, object: 'M 94' });
		expect(manager.previewJob?.id).toBe(5);
	});

	it('an empty claim fetches the totals again: a result another volunteer agreed with later is counted', async () => {
		const { manager, loop, setTotals } = setup();
		await manager.start();
		loop.emit({ type: 'claimed', job: ticket(5) });
		setTotals({ jobs: 0, frames: 0, cpuMs: 0 });
		loop.emit({ type: 'completed', job: ticket(5), status: 'awaiting-agreement', ms: 1, frames: 6 });
		await settle();
		expect(manager.totals).toEqual({ jobs: 0, frames: 0, cpuMs: 0 });
		setTotals({ jobs: 1, frames: 6, cpuMs: 9_000 }); // the second volunteer's stack agreed
		loop.emit({ type: 'idle' });
		await settle();
		expect(manager.totals).toEqual({ jobs: 1, frames: 6, cpuMs: 9_000 });
	});

	it('failed → logged with its reason and the time since the claim; newest first, bounded', async () => {
		const { manager, loop, tick } = setup();
		await manager.start();
		for (let id = 1; id <= 25; id++) {
			loop.emit({ type: 'claimed', job: ticket(id) });
			tick(1500);
			loop.emit({ type: 'failed', job: ticket(id), error: `frame ${id}.fit: BITPIX 12 is not supported` });
		}
		expect(manager.log).toHaveLength(20);
		expect(manager.log[0]).toMatchObject({ jobId: 25, outcome: 'failed', ms: 1500, reason: 'frame 25.fit: BITPIX 12 is not supported' });
		expect(manager.log.at(-1)?.jobId).toBe(6);
	});

	it('nothing to do → waiting, with the next check growing as the loop backs off; a claim resets it', async () => {
		const { manager, loop } = setup();
		await manager.start();
		const bounds: number[] = [];
		for (let i = 0; i < 5; i++) {
			loop.emit({ type: 'idle' });
			bounds.push(manager.nextCheckSeconds);
		}
		expect(manager.waiting).toBe(true);
		expect(bounds).toEqual([10, 20, 40, 80, 80]);
		expect(manager.announcement).toBe('No jobs waiting.');
		loop.emit({ type: 'claimed', job: ticket(1) });
		expect(manager.waiting).toBe(false);
		loop.emit({ type: 'completed', job: ticket(1), status: 'completed', ms: 1, frames: 6 });
		loop.emit({ type: 'idle' });
		expect(manager.nextCheckSeconds).toBe(10);
	});

	it('an unreachable server is a notice with the retry bound, cleared by the next answer; a job error is shown as is', async () => {
		const { manager, loop } = setup();
		await manager.start();
		loop.emit({ type: 'error', error: 'claim failed, will try again: no answer from the server' });
		expect(manager.notice).toBe('Server unreachable — retrying in up to 10 s (claim failed, will try again: no answer from the server).');
		loop.emit({ type: 'error', error: 'claim failed, will try again: 502' });
		expect(manager.notice).toContain('retrying in up to 20 s');
		loop.emit({ type: 'idle' });
		expect(manager.notice).toBeNull();
		loop.emit({ type: 'claimed', job: ticket(2) });
		loop.emit({ type: 'error', error: 'job 2: submission waits for the server: 503 storage down', job: ticket(2) });
		expect(manager.notice).toBe('job 2: submission waits for the server: 503 storage down');
		expect(manager.state).toBe('running');
	});
});

describe('pool size', () => {
	it('defaults to every core, clamps to 1 … cores, and is remembered', () => {
		expect(setup({ cores: 1 }).manager.poolSize).toBe(1);
		const { manager, deps } = setup({ cores: 8 });
		expect(manager.poolSize).toBe(8);
		manager.setPoolSize(20);
		expect(manager.poolSize).toBe(8);
		manager.setPoolSize(0);
		expect(manager.poolSize).toBe(1);
		manager.setPoolSize(2);
		const again = new ComputeManager({ ...deps, storage: deps.storage });
		expect(again.poolSize).toBe(2);
		// A saved size above this machine's cores is clamped.
		expect(new ComputeManager({ ...deps, cores: 1 }).poolSize).toBe(1);
	});

	it('a change while a job runs waits for the job to end, then restarts the loop with the new pool', async () => {
		const { manager, deps, loop } = setup();
		await manager.start();
		loop.emit({ type: 'claimed', job: ticket(1) });
		manager.setPoolSize(2);
		await settle();
		expect(loop.runLoop).toHaveBeenCalledTimes(1);
		expect(loop.runs[0].signal?.aborted).toBe(false);
		loop.emit({ type: 'completed', job: ticket(1), status: 'completed', ms: 1, frames: 6 });
		await settle();
		expect(loop.runs[0].signal?.aborted).toBe(true);
		expect(loop.runLoop).toHaveBeenCalledTimes(2);
		expect(deps.createPool).toHaveBeenLastCalledWith(2);
		expect(manager.state).toBe('running');
	});
});

describe('visibility and leaving', () => {
	it('pauses when hidden if chosen (remembered), carries on when visible again', async () => {
		const { manager, deps, loop } = setup();
		await manager.start();
		manager.visibilityChanged(true);
		expect(manager.state).toBe('running'); // not chosen

		manager.setPauseWhenHidden(true);
		expect(new ComputeManager(deps).pauseWhenHidden).toBe(true);
		manager.visibilityChanged(true);
		expect(manager.state).toBe('paused');
		expect(manager.pausedBy).toBe('hidden');
		expect(loop.runs[0].signal?.aborted).toBe(true);
		expect(manager.announcement).toBe('Paused while the tab is hidden.');

		manager.visibilityChanged(false);
		await settle();
		expect(manager.state).toBe('running');
		expect(loop.runLoop).toHaveBeenCalledTimes(2);
	});

	it('ticking the box while the tab is hidden pauses at once; a pause by the volunteer is not undone by visibility', async () => {
		const { manager } = setup();
		await manager.start();
		manager.setPauseWhenHidden(true, true);
		expect(manager.pausedBy).toBe('hidden');
		await settle();
		await manager.start();
		await manager.pause();
		manager.visibilityChanged(false);
		await settle();
		expect(manager.state).toBe('paused');
		expect(manager.pausedBy).toBe('you');
	});

	it('pagehide beacons the lease back with the token in the JSON body and stops the loop', async () => {
		const { manager, sendBeacon, loop } = setup();
		await manager.start();
		loop.emit({ type: 'claimed', job: ticket(9) });
		manager.pageHidden();
		expect(sendBeacon).toHaveBeenCalledTimes(1);
		const [url, body] = sendBeacon.mock.calls[0];
		expect(url).toBe('/api/jobs/9/return');
		expect(body.type).toBe('application/json');
		expect(JSON.parse(await body.text())).toEqual({ leaseToken: 'lease-9' });
		expect(loop.runs[0].signal?.aborted).toBe(true);
	});

	it('pagehide without a job sends nothing', async () => {
		const { manager, sendBeacon } = setup();
		await manager.start();
		manager.pageHidden();
		expect(sendBeacon).not.toHaveBeenCalled();
	});
});

describe('a tab that cannot stack', () => {
	it('never claims: Start reports why, and neither pool nor loop is made', async () => {
		const reason = 'this browser offers no Web Workers to run the stacking kernel in';
		const { manager, deps, loop } = setup({ cannotStack: () => reason });
		expect(manager.blocked).toBe(reason);
		await manager.start();
		expect(manager.state).toBe('idle');
		expect(manager.fatal).toBe(reason);
		expect(deps.createPool).not.toHaveBeenCalled();
		expect(loop.runLoop).not.toHaveBeenCalled();
	});
});
