// Headless Debian Chromium on a fresh profile, driven over a bare DevTools pipe: no DevTools domain
// is enabled but those asked for. Playwright enables the Network domain on every page and worker,
// and Chromium then copies each request body, base64, into a DevTools event: a Compute tab's 33 MB
// stack submission spent 8-18 s of the tab's main thread in fetch() and 30-50 s in all (measured),
// which a volunteer's tab never pays. The soak drives its tab with this instead.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS } from '../helpers/browser';

type Params = Record<string, unknown>;
type Listener = (params: Params, sessionId?: string) => void;

export interface BareChromium {
	/** The profile directory, unique to this launch (it identifies the browser's processes). */
	userDataDir: string;
	/** A DevTools command, to the browser or (with `sessionId`) to an attached target. */
	send<T = Params>(method: string, params?: Params, sessionId?: string): Promise<T>;
	/** Calls `listener` on each DevTools event named `method`. */
	on(method: string, listener: Listener): void;
	/** Opens `url` in a new tab and waits until it has loaded; returns the session its commands go to. */
	open(url: string): Promise<string>;
	/** The value of `expression` (awaited) in the tab of `sessionId`; its exception is thrown. */
	evaluate<T>(sessionId: string, expression: string): Promise<T>;
	close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 10_000;
/** A page loading on a loaded machine. */
const LOAD_TIMEOUT_MS = 120_000;
const LOAD_POLL_MS = 50;

/**
 * Playwright's launch switches that concern a measurement, so the bare tab is the same Chromium
 * minus the instrumentation: no extensions starting beside the page, and the tab never throttled
 * or lowered in priority as a background one (a volunteer's Compute tab is in front).
 */
const AS_PLAYWRIGHT_LAUNCHES = [
	'--disable-extensions',
	'--disable-component-extensions-with-background-pages',
	'--disable-default-apps',
	'--disable-field-trial-config',
	'--disable-background-timer-throttling',
	'--disable-backgrounding-occluded-windows',
	'--disable-renderer-backgrounding',
	'--disable-dev-shm-usage',
	'--disable-breakpad',
	'--disable-hang-monitor',
	'--password-store=basic'
];

export async function launchBareChromium(): Promise<BareChromium> {
	const userDataDir = await mkdtemp(join(tmpdir(), 'crowdsky-chromium-'));
	// fd 3 carries commands to Chromium, fd 4 its answers and events, each message ended by a NUL.
	const child = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, ...AS_PLAYWRIGHT_LAUNCHES, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'], {
		stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']
	});
	const toChromium = child.stdio[3] as Writable;
	const fromChromium = child.stdio[4] as Readable;
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	let nextId = 1;
	const pending = new Map<number, { resolve: (r: Params) => void; reject: (e: Error) => void; method: string }>();
	const listeners = new Map<string, Listener[]>();
	let buffered = '';
	fromChromium.on('data', (d: Buffer) => {
		const parts = (buffered + d.toString()).split('\0');
		buffered = parts.pop()!;
		for (const part of parts) {
			const m = JSON.parse(part) as { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string };
			if (m.id !== undefined) {
				const call = pending.get(m.id);
				pending.delete(m.id);
				if (m.error) call?.reject(new Error(`${call.method}: ${m.error.message}`));
				else call?.resolve(m.result ?? {});
			} else if (m.method) for (const l of listeners.get(m.method) ?? []) l(m.params ?? {}, m.sessionId);
		}
	});
	void exited.then(() => {
		for (const call of pending.values()) call.reject(new Error(`Chromium exited during ${call.method}:\n${stderr}`));
		pending.clear();
	});

	const send = <T = Params>(method: string, params: Params = {}, sessionId?: string): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`Chromium has exited; cannot send ${method}:\n${stderr}`));
			const id = nextId++;
			pending.set(id, { resolve: resolve as (r: Params) => void, reject, method });
			toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
		});

	const evaluate = async <T>(sessionId: string, expression: string): Promise<T> => {
		const r = await send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
			'Runtime.evaluate',
			{ expression, awaitPromise: true, returnByValue: true },
			sessionId
		);
		if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
		return r.result.value as T;
	};

	/** Until the tab has loaded `url` (while it navigates, it has no context to evaluate in). */
	const loaded = async (sessionId: string, url: string): Promise<void> => {
		const deadline = Date.now() + LOAD_TIMEOUT_MS;
		for (;;) {
			const state = await evaluate<string>(sessionId, `document.readyState + ' ' + location.href`).catch((e: Error) => {
				if (/execution context/i.test(e.message)) return 'navigating';
				throw e;
			});
			if (state === `complete ${new URL(url).href}`) return;
			if (Date.now() > deadline) throw new Error(`${url} did not load within ${LOAD_TIMEOUT_MS / 1000} s (${state})`);
			await new Promise((resolve) => setTimeout(resolve, LOAD_POLL_MS));
		}
	};

	return {
		userDataDir,
		send,
		on(method, listener) {
			listeners.set(method, [...(listeners.get(method) ?? []), listener]);
		},
		async open(url) {
			const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url });
			const sessionId = (await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
			await loaded(sessionId, url);
			return sessionId;
		},
		evaluate,
		async close() {
			if (child.exitCode === null && child.signalCode === null) {
				const force = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
				send('Browser.close').catch(() => {});
				await exited;
				clearTimeout(force);
			}
			await rm(userDataDir, { recursive: true, force: true });
		}
	};
}
