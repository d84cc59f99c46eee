/**
 * The operator's log: the built server (`node scripts/serve.js`, a second instance on the run's
 * database) prints one line per request (method, route id, status, ms, user), per job transition
 * and per error, as logfmt text or, with LOG_FORMAT=json, one JSON object per line; no session
 * cookie, API token, upload token or share token ever reaches it.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { collectOutput, freePort, stop, waitUntilAnswering } from '../helpers/global-server';
import { createTestUser, withDb } from '../helpers/db';
import { observer, parkOtherJobs, uploadAndFinalize } from './runner-steps';

withDb({ shared: true });

const ROOT = new URL('../../', import.meta.url).pathname;

interface LoggedServer {
	base: string;
	child: ChildProcess;
	/** Everything the server wrote to stdout so far. */
	stdout: () => string;
}

async function startServer(logFormat: 'text' | 'json'): Promise<LoggedServer> {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: logFormat },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	let stdout = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const base = `http://127.0.0.1:${port}`;
	await waitUntilAnswering(`${base}/login`, child, collectOutput(child));
	return { base, child, stdout: () => stdout };
}

/** A runner's API token (trusted, so claims are not rate-limited) and its owner's id. */
async function runnerToken(): Promise<{ token: string; userId: number }> {
	const user = await createTestUser();
	const created = await createApiToken(user.id, 'runner');
	if (!created.ok) throw new Error(created.message);
	return { token: created.token, userId: user.id };
}

/** Lines are written after the response is sent: wait until `predicate` holds for the output. */
async function waitForLog(server: LoggedServer, predicate: (out: string) => boolean): Promise<string> {
	for (let i = 0; i < 100 && !predicate(server.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
	return server.stdout();
}

const shareToken = () => randomBytes(24).toString('base64url');

let text: LoggedServer;
let json: LoggedServer;
beforeAll(async () => {
	[text, json] = await Promise.all([startServer('text'), startServer('json')]);
});
afterAll(async () => {
	await Promise.all([text, json].filter(Boolean).map((s) => stop(s.child)));
});

describe('LOG_FORMAT=text (the default)', () => {
	it('one logfmt line per request: method, route id, status, ms and user; no token or cookie', async () => {
		const owner = await observer();
		const { token, userId } = await runnerToken();
		const share = shareToken();
		expect((await fetch(`${text.base}/login`)).status).toBe(200);
		expect((await fetch(`${text.base}/s/${share}`)).status).toBe(404);
		expect((await fetch(`${text.base}/api/stacks`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
		expect((await fetch(`${text.base}/stacks`, { headers: { cookie: owner.cookie } })).status).toBe(200);
		expect((await fetch(`${text.base}/no/such/page/${share}`)).status).toBe(404);

		const out = await waitForLog(text, (o) => o.includes('route=null'));
		const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
		expect(out).toMatch(new RegExp(`^${stamp} info listening url=${text.base}$`, 'm'));
		expect(out).toMatch(new RegExp(`^${stamp} info request method=GET route=/login status=200 ms=\\d+$`, 'm'));
		expect(out).toMatch(new RegExp(`^${stamp} info request method=GET route=/s/\\[token\\] status=404 ms=\\d+$`, 'm'));
		expect(out).toMatch(new RegExp(`^${stamp} info request method=GET route=/api/stacks status=200 ms=\\d+ user=${userId}$`, 'm'));
		expect(out).toMatch(new RegExp(`^${stamp} info request method=GET route=/stacks status=200 ms=\\d+ user=${owner.id}$`, 'm'));
		expect(out).toMatch(new RegExp(`^${stamp} info request method=GET route=null status=404 ms=\\d+$`, 'm'));
		for (const secret of [token, share, owner.cookie.split('=')[1]]) expect(out).not.toContain(secret);
	});
});

describe('LOG_FORMAT=json', () => {
	it('every line is one JSON object: requests with their user, each job transition, no secret', async () => {
		const owner = await observer();
		const { token, userId } = await runnerToken();
		const upload = await uploadAndFinalize(owner.cookie, 'M94_set2_20250327', json.base);
		await parkOtherJobs(upload.sessionId);
		const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const claimed = await fetch(`${json.base}/api/jobs/claim`, { method: 'POST', headers: auth, body: JSON.stringify({ workerId: 'log-test' }) });
		expect(claimed.status).toBe(200);
		const { job } = (await claimed.json()) as { job: { id: number; leaseToken: string } };
		const returned = await fetch(`${json.base}/api/jobs/${job.id}/return`, {
			method: 'POST',
			headers: { ...auth, 'x-lease-token': job.leaseToken },
			body: '{}'
		});
		expect(returned.status).toBe(200);
		const share = shareToken();
		expect((await fetch(`${json.base}/s/${share}`)).status).toBe(404);

		const out = await waitForLog(json, (o) => o.includes('"/s/[token]"'));
		const lines = out.trimEnd().split('\n');
		const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
		for (const entry of entries) {
			expect(entry).toMatchObject({ time: expect.stringMatching(/^\d{4}-.*Z$/), level: expect.any(String), event: expect.any(String) });
		}
		const requests = entries.filter((e) => e.event === 'request');
		const request = (method: string, route: string) => requests.find((e) => e.method === method && e.route === route);
		expect(request('POST', '/api/uploads')).toMatchObject({ level: 'info', status: 201, user: owner.id, ms: expect.any(Number) });
		expect(request('PUT', '/api/uploads/[token]/files')).toMatchObject({ status: 201, user: owner.id });
		expect(request('POST', '/api/uploads/[token]/finalize')).toMatchObject({ status: 200, user: owner.id });
		expect(request('POST', '/api/jobs/claim')).toMatchObject({ status: 200, user: userId });
		expect(request('POST', '/api/jobs/[id]/return')).toMatchObject({ status: 200, user: userId });
		expect(request('GET', '/s/[token]')).toMatchObject({ status: 404 });
		expect(request('GET', '/s/[token]')).not.toHaveProperty('user');

		const transitions = entries.filter((e) => e.event === 'job' && e.job === job.id);
		expect(transitions).toEqual([
			expect.objectContaining({ level: 'info', transition: 'create', status: 'pending', user: owner.id, frames: 6 }),
			expect.objectContaining({ transition: 'claim', status: 'processing', user: userId, worker: 'log-test' }),
			expect.objectContaining({ transition: 'return', status: 'pending', user: userId })
		]);
		for (const secret of [token, share, upload.token, job.leaseToken, owner.cookie.split('=')[1]]) expect(out).not.toContain(secret);
	});
});
