import { errorFields, log } from '$lib/server/log';

export interface StatusStreamOptions {
	/** Ends the stream (the client went away). */
	signal?: AbortSignal;
	/** How often `read` runs; default 1 s. */
	pollMs?: number;
	/** How often a comment line keeps proxies from closing an idle stream; default 15 s. */
	heartbeatMs?: number;
	/** Asked before every read: once it answers false (logged out, token revoked) the stream ends. */
	allowed?: () => Promise<boolean>;
}

const encoder = new TextEncoder();

/**
 * Server-sent events: `event: snapshot` with `read()`'s JSON at once, then again whenever the
 * serialized value changes (read every `pollMs`, one read at a time), and a `: heartbeat`
 * comment every `heartbeatMs`. Every timer stops when the signal aborts or the reader cancels.
 * A failing read sends nothing (the page keeps what it has) and is logged once until it recovers.
 * The stream closes once `allowed` answers false, so no snapshot outlives its credential.
 */
export function statusStream(
	read: () => Promise<unknown>,
	{ signal, pollMs = 1000, heartbeatMs = 15_000, allowed }: StatusStreamOptions = {}
): ReadableStream<Uint8Array> {
	let stopped = false;
	let pollTimer: ReturnType<typeof setTimeout> | undefined;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	let onAbort: (() => void) | undefined;

	const stop = () => {
		stopped = true;
		clearTimeout(pollTimer);
		clearInterval(heartbeat);
		if (onAbort) signal?.removeEventListener('abort', onAbort);
	};

	return new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				if (!stopped) controller.enqueue(encoder.encode(text));
			};
			let last: string | undefined;
			let failing = false;
			const poll = async () => {
				try {
					if (allowed && !(await allowed())) return end();
					const json = JSON.stringify(await read());
					failing = false;
					if (json !== last) {
						last = json;
						send(`event: snapshot\ndata: ${json}\n\n`);
					}
				} catch (error) {
					if (!failing) log('error', 'status-stream-failed', { retry: 'every poll', ...errorFields(error) });
					failing = true;
				}
				if (!stopped) pollTimer = setTimeout(poll, pollMs);
			};
			const end = () => {
				if (stopped) return;
				stop();
				controller.close();
			};
			onAbort = end;
			if (signal?.aborted) return onAbort();
			signal?.addEventListener('abort', onAbort, { once: true });
			// EventSource waits this long before it reconnects after a dropped connection.
			send('retry: 2000\n\n');
			heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
			void poll();
		},
		cancel() {
			stop();
		}
	});
}
