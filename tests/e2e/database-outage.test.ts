/**
 * MariaDB away: the built server (`node scripts/serve.js`) pointed at a port where nothing
 * listens answers every request that needs the database 503 with Retry-After, as JSON
 * `{ message }` on the API and as a friendly page elsewhere, never a 500.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput, freePort, stop, waitUntilAnswering } from '../helpers/global-server';

const ROOT = new URL('../../', import.meta.url).pathname;
let server: ChildProcess;
let base: string;
let stdout = '';

beforeAll(async () => {
	// The app is built by the e2e globalSetup; this is a second instance of it with no database.
	const [port, closedPort] = [await freePort(), await freePort()];
	server = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `mysql://root@127.0.0.1:${closedPort}/crowdsky` },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	server.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	base = `http://127.0.0.1:${port}`;
	await waitUntilAnswering(`${base}/login`, server, collectOutput(server));
});
afterAll(() => stop(server));

function expectRetryable(response: Response): void {
	expect(response.status).toBe(503);
	expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('the database is down', () => {
	it('an API call with a token (checked inside the route) is a 503 JSON with Retry-After', async () => {
		const response = await fetch(`${base}/api/stacks`, { headers: { authorization: 'Bearer csk_nothing' } });
		expectRetryable(response);
		expect(await response.json()).toEqual({ message: expect.stringMatching(/database/) });
	});

	it('an API call with a session cookie (checked in a hook, before the route) is a 503 JSON', async () => {
		const response = await fetch(`${base}/api/stacks`, { headers: { cookie: 'crowdsky_session=abc' } });
		expectRetryable(response);
		expect(await response.json()).toEqual({ message: expect.stringMatching(/database/) });
	});

	it('pages answer 503 with a friendly page, from a hook or from a page load', async () => {
		for (const [path, headers] of [
			['/stacks', { cookie: 'crowdsky_session=abc' }],
			['/s/' + 'a'.repeat(32), {}]
		] as const) {
			const response = await fetch(`${base}${path}`, { headers });
			expectRetryable(response);
			expect(response.headers.get('content-type')).toMatch(/text\/html/);
			expect(await response.text()).toMatch(/cannot reach its database right now/);
		}
	});
});

describe('the log while the database is down', () => {
	it('each failure is one error line naming the route id, and the request line says 503; no cookie or token', async () => {
		const share = 'b'.repeat(32);
		expect((await fetch(`${base}/s/${share}`)).status).toBe(503);
		expect((await fetch(`${base}/api/stacks`, { headers: { cookie: 'crowdsky_session=secretcookie' } })).status).toBe(503);
		await new Promise((r) => setTimeout(r, 200));
		const lines = stdout.trimEnd().split('\n');
		const outage = lines.filter((line) => / error database-unavailable /.test(line));
		expect(outage.length, stdout).toBeGreaterThanOrEqual(2);
		expect(outage.some((line) => line.includes('method=GET route=/s/[token] ') && line.includes('code=ECONNREFUSED')), outage.join('\n')).toBe(true);
		expect(stdout).not.toMatch(/Failed query/); // drizzle's wrapper repeats the SQL and its parameters
		expect(outage.some((line) => line.includes('method=GET route=/api/stacks '))).toBe(true);
		expect(lines.some((line) => / error request method=GET route=\/s\/\[token\] status=503 ms=\d+$/.test(line))).toBe(true);
		expect(stdout).not.toContain(share);
		expect(stdout).not.toContain('secretcookie');
		expect(stdout).not.toContain('csk_nothing');
	});
});
