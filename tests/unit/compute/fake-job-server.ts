/**
 * The job API of the crowd-compute contract, served over real HTTP on 127.0.0.1 from memory: the
 * seam the job loop is tested at. Faults are switched on per test (corrupt downloads, 503 on
 * complete, 409 on heartbeat, slow downloads).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'test-token';
const MAX_RETRIES = 3;
/** Slack on top of the ticket's lease: the kernel runs on this test's own thread and, on a loaded machine, held a heartbeat up for over 5 s. */
const LEASE_GRACE_MS = 30_000;

export interface FakeFile {
	id: number;
	name: string;
	bytes: Uint8Array;
}

export interface FakeJob {
	id: number;
	chunkKey: string;
	files: FakeFile[];
	status: 'pending' | 'processing' | 'completed' | 'failed' | 'retry';
	retryCount: number;
	leaseToken?: string;
	leaseExpires?: number;
	leaseSeconds: number;
	error?: string;
	stack?: Uint8Array;
	report?: unknown;
	cpuMs?: number;
}

export interface Call {
	verb: string;
	jobId?: number;
	fileId?: number;
	body?: unknown;
	status: number;
}

export interface Faults {
	/** Downloads of these file ids still to corrupt (one byte flipped). */
	corrupt: Map<number, number>;
	/** Completes still to answer 503. */
	completeUnavailable: number;
	/** A message to refuse the next complete with (422; the job goes back to retry). */
	completeRefused?: string;
	/** Jobs whose heartbeats are answered 409. */
	heartbeatLost: Set<number>;
	/** Delay before a file's bytes are sent, ms. */
	downloadDelayMs: number;
}

export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export class FakeJobServer {
	readonly jobs: FakeJob[] = [];
	readonly calls: Call[] = [];
	readonly faults: Faults = { corrupt: new Map(), completeUnavailable: 0, heartbeatLost: new Set(), downloadDelayMs: 0 };
	private server: Server = createServer((req, res) => void this.handle(req, res));
	port = 0;

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	addJob(chunkKey: string, files: { name: string; bytes: Uint8Array }[], leaseSeconds = 0.3): FakeJob {
		const fileBase = this.jobs.reduce((n, j) => n + j.files.length, 0);
		const job: FakeJob = {
			id: this.jobs.length + 1,
			chunkKey,
			files: files.map((f, i) => ({ id: fileBase + i + 1, ...f })),
			status: 'pending',
			retryCount: 0,
			leaseSeconds
		};
		this.jobs.push(job);
		return job;
	}

	callsOf(verb: string, jobId?: number): Call[] {
		return this.calls.filter((c) => c.verb === verb && (jobId === undefined || c.jobId === jobId));
	}

	async listen(port = 0): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server = createServer((req, res) => void this.handle(req, res));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://x');
		const send = (call: Omit<Call, 'status'>, status: number, payload?: unknown) => {
			this.calls.push({ ...call, status });
			if (payload instanceof Uint8Array) {
				res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': payload.length });
				res.end(payload);
			} else if (payload === undefined) {
				res.writeHead(status).end();
			} else {
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
			}
		};
		if (req.headers.authorization !== `Bearer ${TOKEN}`) return send({ verb: 'auth' }, 401, { message: 'a valid API token is required' });

		if (req.method === 'POST' && url.pathname === '/api/jobs/claim') {
			const json = JSON.parse(body.toString()) as { workerId?: unknown };
			if (typeof json.workerId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(json.workerId))
				return send({ verb: 'claim', body: json }, 400, { message: `bad workerId ${JSON.stringify(json.workerId)}` });
			this.expireLeases();
			const job = this.jobs.find((j) => j.status === 'pending' || j.status === 'retry');
			if (!job) return send({ verb: 'claim', body: json }, 204);
			job.status = 'processing';
			job.leaseToken = randomBytes(16).toString('hex');
			job.leaseExpires = Date.now() + job.leaseSeconds * 1000 + LEASE_GRACE_MS;
			return send({ verb: 'claim', jobId: job.id, body: json }, 200, { job: this.ticket(job) });
		}

		const m = /^\/api\/jobs\/(\d+)\/(files|heartbeat|complete|fail|return)(?:\/(\d+))?$/.exec(url.pathname);
		if (!m) return send({ verb: 'unknown' }, 404, { message: `no route ${req.method} ${url.pathname}` });
		const job = this.jobs.find((j) => j.id === Number(m[1]));
		const verb = m[3] ? 'download' : m[2];
		const call = { verb, jobId: Number(m[1]), fileId: m[3] ? Number(m[3]) : undefined };
		if (!job || job.status !== 'processing') return send(call, 404, { message: 'no such job' });
		if (req.headers['x-lease-token'] !== job.leaseToken || Date.now() > (job.leaseExpires ?? 0))
			return send(call, 409, { message: 'the lease is not yours (expired or returned)' });

		switch (verb) {
			case 'download': {
				const file = job.files.find((f) => f.id === call.fileId);
				if (!file) return send(call, 404, { message: 'no such file' });
				if (this.faults.downloadDelayMs) await new Promise((r) => setTimeout(r, this.faults.downloadDelayMs));
				const left = this.faults.corrupt.get(file.id) ?? 0;
				let bytes = file.bytes;
				if (left > 0) {
					this.faults.corrupt.set(file.id, left - 1);
					bytes = bytes.slice();
					bytes[bytes.length - 1] ^= 0xff;
				}
				return send(call, 200, bytes);
			}
			case 'files':
				return send(call, 200, { files: this.ticket(job).files });
			case 'heartbeat': {
				const json = JSON.parse(body.toString());
				if (this.faults.heartbeatLost.has(job.id)) return send({ ...call, body: json }, 409, { message: 'lease taken over' });
				job.leaseExpires = Date.now() + job.leaseSeconds * 1000 + LEASE_GRACE_MS;
				return send({ ...call, body: json }, 200, { leaseExpiresAt: new Date(job.leaseExpires).toISOString() });
			}
			case 'complete': {
				if (this.faults.completeUnavailable > 0) {
					this.faults.completeUnavailable--;
					return send(call, 503, { message: 'stack storage is unavailable, try again later' });
				}
				if (this.faults.completeRefused) {
					const message = this.faults.completeRefused;
					this.faults.completeRefused = undefined;
					this.retryOrFail(job, message);
					return send(call, 422, { message });
				}
				const form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
				const stack = form.get('stack');
				if (!(stack instanceof Blob)) return send(call, 400, { message: 'stack file missing' });
				job.stack = new Uint8Array(await stack.arrayBuffer());
				job.report = JSON.parse(String(form.get('report')));
				job.cpuMs = Number(form.get('cpuMs'));
				job.status = 'completed';
				job.leaseToken = undefined;
				return send({ ...call, body: { cpuMs: job.cpuMs } }, 200, { status: 'completed', stackId: job.id });
			}
			case 'fail': {
				const json = JSON.parse(body.toString()) as { error: string };
				this.retryOrFail(job, json.error);
				return send({ ...call, body: json }, 200, { status: job.status });
			}
			default: {
				// return: the lease is given back, no retry counted
				job.status = 'pending';
				job.leaseToken = undefined;
				return send(call, 200, { status: job.status });
			}
		}
	}

	private ticket(job: FakeJob) {
		return {
			id: job.id,
			chunkKey: job.chunkKey,
			object: 'M 94',
			telescope: 'S50_1d3fe189',
			frameCount: job.files.length,
			leaseToken: job.leaseToken,
			leaseSeconds: job.leaseSeconds,
			files: job.files.map((f) => ({ id: f.id, name: f.name, size: f.bytes.length, sha256: sha256(f.bytes) }))
		};
	}

	private expireLeases(): void {
		for (const job of this.jobs)
			if (job.status === 'processing' && Date.now() > (job.leaseExpires ?? 0)) this.retryOrFail(job, 'lease expired');
	}

	private retryOrFail(job: FakeJob, error: string): void {
		job.retryCount++;
		job.error = error;
		job.status = job.retryCount >= MAX_RETRIES ? 'failed' : 'retry';
		job.leaseToken = undefined;
	}
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
