/** `node runner.js` as a process against a real HTTP job server (the contract's API) with the real M 94 frames. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newWorkerId } from '../../../src/lib/runner/work-command';
import { parseWorkArgs } from '../../../src/lib/runner/work-args';
import { runner } from '../../harness/runner-process';
import { M94 } from '../stacking/helpers';
import { FakeJobServer, TOKEN } from './fake-job-server';

const frames = readdirSync(M94)
	.filter((f) => f.endsWith('.fit'))
	.sort()
	.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(M94, name))) }));
const CHUNK = '20250327.23_193.1_+41.0';

let server: FakeJobServer | undefined;
afterEach(() => server?.close());

describe('node runner.js --server', () => {
	it('--once does one job with a random worker id and logs one line for it', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 60);
		const run = runner(['--server', server.baseUrl, '--token', TOKEN, '--once', '--concurrency', '2']);
		expect(await run.exit).toBe(0);
		expect(job.status).toBe('completed');
		const workerId = (server.callsOf('claim')[0].body as { workerId: string }).workerId;
		expect(workerId).toMatch(/^runner-[A-Za-z0-9._-]+-[0-9a-f]{8}$/);
		// One stream: the start line and the job's line, in order, on stdout; nothing on stderr.
		expect(run.out()).toMatch(
			new RegExp(`^${workerId}: working for ${server.baseUrl} with 2 threads, one job\\njob ${job.id} ${CHUNK.replace(/[.+]/g, '\\$&')}: completed 6/6 frames in \\d+\\.\\d s\\n$`)
		);
		expect(run.err()).toBe('');
	});

	it('--once with nothing to do exits 0; an unreachable server exits 1 with a clear message', async () => {
		server = await new FakeJobServer().listen();
		const idle = runner(['work', '--server', server.baseUrl, '--token', TOKEN, '--once', '--concurrency', '1']);
		expect(await idle.exit).toBe(0);
		expect(idle.out()).toMatch(/^runner-\S+: working for .* with 1 thread, one job\nno job to do\n$/);
		const port = server.port;
		await server.close();
		server = undefined;
		const down = runner(['--server', `http://127.0.0.1:${port}`, '--token', TOKEN, '--once', '--concurrency', '1']);
		expect(await down.exit).toBe(1);
		expect(down.out()).toMatch(new RegExp(`\\ncannot reach the CrowdSky server at http://127.0.0.1:${port}: .*ECONNREFUSED`));
		expect(down.err()).toBe('');
	}, 90_000);

	it('a refused token exits 1 and says so', async () => {
		server = await new FakeJobServer().listen();
		const run = runner(['--server', server.baseUrl, '--token', 'wrong', '--once', '--concurrency', '1']);
		expect(await run.exit).toBe(1);
		expect(run.out()).toMatch(/\nthe server at .* refused the token: .*401: a valid API token is required\n$/);
	});

	it('SIGTERM mid-job gives the lease back and exits 0', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 60);
		server.faults.downloadDelayMs = 60_000; // the job is in hand, its frames on their way
		const run = runner(['--server', server.baseUrl, '--token', TOKEN, '--concurrency', '1']);
		while (server.callsOf('claim', job.id).length === 0) await new Promise((r) => setTimeout(r, 50));
		run.child.kill('SIGTERM');
		expect(await run.exit).toBe(0);
		expect(server.callsOf('return', job.id)).toMatchObject([{ status: 200 }]);
		expect(job).toMatchObject({ status: 'pending', retryCount: 0 });
		expect(run.out()).toMatch(new RegExp(`^runner-\\S+: working for .*\\nstopping: giving the job in hand back\\njob ${job.id} ${CHUNK.replace(/[.+]/g, '\\$&')}: stopped, lease given back\\n$`));
	});
});

describe('runner work arguments', () => {
	it('reads server, token (or CROWDSKY_TOKEN), concurrency and once; refuses bad values by name', () => {
		expect(parseWorkArgs(['--server', 'http://h:5173/', '--token=t', '--concurrency', '3', '--once'])).toEqual({
			server: 'http://h:5173',
			token: 't',
			concurrency: 3,
			once: true
		});
		expect(parseWorkArgs(['--server', 'https://h'], { CROWDSKY_TOKEN: 'e' })).toMatchObject({ token: 'e', once: false });
		expect(() => parseWorkArgs(['--token', 't'])).toThrow(/--server is required/);
		expect(() => parseWorkArgs(['--server', 'ftp://h', '--token', 't'])).toThrow(/uses ftp:; supported: http:, https:/);
		expect(() => parseWorkArgs(['--server', 'h', '--token', 't'])).toThrow(/"h" is not a URL/);
		expect(() => parseWorkArgs(['--server', 'http://h', '--token', 't', '--concurrency', '0'])).toThrow(/positive integer, got "0"/);
		expect(() => parseWorkArgs(['--server', 'http://h', '--token', 't', '--threads', '2'])).toThrow(/unknown option --threads/);
	});

	it('worker ids fit the API: 1-64 of [A-Za-z0-9._-], random per run', () => {
		const id = newWorkerId('my host.local/with:odd chars and a very long name that goes on and on');
		expect(id).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
		expect(id.startsWith('runner-my-host.local-with-odd')).toBe(true);
		expect(newWorkerId('h')).not.toBe(newWorkerId('h'));
	});
});
