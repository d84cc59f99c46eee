// An observer's client that rides out faults: requests that fail on the network or with a 5xx are
// sent again (the server may be restarting, its database or storage away); a 4xx is the server's
// refusal and is recorded with its reason, as an observer's upload page would show it.
import { createHash } from 'node:crypto';
import { backoffStep } from '../src/lib/util/backoff';
import { sleep } from '../src/lib/util/sleep';
import type { NightFrame } from './night';

/** Give up on one request after this long: a fault that lasts longer is itself a finding. */
const REQUEST_DEADLINE_MS = 180_000;

export interface Refusal {
	name: string;
	status: number;
	reason: string;
}

export interface UploadOutcome {
	sessionId: number;
	/** raw_files ids of the frames the server stored (a retried duplicate answers the same id). */
	stored: { name: string; id: number }[];
	refused: Refusal[];
	jobs: number;
	/** Requests sent again after a network error or a 5xx. */
	retries: number;
	bytes: number;
}

type Answer = { status: number; body: string };

export async function uploadNight(base: string, cookie: string, night: NightFrame[], paceMs = 0): Promise<UploadOutcome> {
	const headers = { cookie, origin: base };
	let retries = 0;
	const send = async (what: string, url: string, init: () => RequestInit): Promise<Answer> => {
		const deadline = Date.now() + REQUEST_DEADLINE_MS;
		for (let attempt = 0; ; attempt++) {
			let answer: Answer | undefined;
			let fault: string;
			try {
				const res = await fetch(url, { ...init(), signal: AbortSignal.timeout(60_000) });
				answer = { status: res.status, body: await res.text() };
				fault = `${res.status} ${answer.body.slice(0, 200)}`;
			} catch (error) {
				fault = String((error as Error).cause ?? error);
			}
			if (answer && answer.status < 500) return answer;
			if (Date.now() > deadline) throw new Error(`${what}: still failing after ${REQUEST_DEADLINE_MS / 1000} s: ${fault}`);
			retries++;
			await sleep(backoffStep(attempt, 250, 4000));
		}
	};

	const opened = await send('POST /api/uploads', `${base}/api/uploads`, () => ({ method: 'POST', headers }));
	if (opened.status !== 201) throw new Error(`POST /api/uploads answered ${opened.status}: ${opened.body}`);
	const { token, id: sessionId } = JSON.parse(opened.body) as { token: string; id: number };

	const stored: UploadOutcome['stored'] = [];
	const refused: Refusal[] = [];
	let bytes = 0;
	for (const frame of night) {
		const sha = createHash('sha256').update(frame.bytes).digest('hex');
		const url = `${base}/api/uploads/${token}/files?name=${encodeURIComponent(frame.name)}&sha256=${sha}`;
		const put = await send(`PUT ${frame.name}`, url, () => ({
			method: 'PUT',
			headers: { ...headers, 'content-type': 'application/octet-stream' },
			body: frame.bytes as Uint8Array<ArrayBuffer>
		}));
		if (put.status === 200 || put.status === 201) {
			stored.push({ name: frame.name, id: (JSON.parse(put.body) as { id: number }).id });
			bytes += frame.bytes.length;
		} else {
			refused.push({ name: frame.name, status: put.status, reason: reasonOf(put.body) });
		}
		if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
	}
	const fin = await send('finalize', `${base}/api/uploads/${token}/finalize`, () => ({ method: 'POST', headers }));
	if (fin.status !== 200) throw new Error(`finalize answered ${fin.status}: ${fin.body}`);
	const { jobs } = JSON.parse(fin.body) as { jobs: unknown[] };
	return { sessionId, stored, refused, jobs: jobs.length, retries, bytes };
}

function reasonOf(body: string): string {
	try {
		const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
		const message = parsed.message ?? parsed.error;
		if (typeof message === 'string' && message) return message;
	} catch {
		// not JSON: the body itself is the reason
	}
	return body.slice(0, 300);
}
