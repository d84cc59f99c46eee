// `npm run bench -- --only previews`: the preview storm of issue 11 (finding 6) against the built
// server: one full-size stack, 40 concurrent previews with varied max, the server's peak memory
// (from /proc) and GET / latency during the storm, beside the targets. Prints figures only.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL, ensureDatabase } from '../scripts/migrate.js';
import { dropDatabase, freshDatabaseUrl } from '../tests/harness/databases';
import { fullSizeStack, processMemoryMb, stormMaxes } from '../tests/harness/full-size-stack';
import { stop } from '../tests/helpers/global-server';
import { sleep } from '../src/lib/util/sleep';
import { buildIfStale, register, startApp } from './jobs-e2e';
import { fixed, formatTable } from './table';

const STORM = 40;
const RSS_TARGET_MB = 400;
const LATENCY_TARGET_MS = 200;
const SAMPLE_MS = 10;
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * GET / over and over from its own process until stopped, one latency (ms) a line: timed in this
 * process, the figure would include the time this process spends taking in the storm's answers.
 */
const PROBE = `
const [base, cookie] = process.argv.slice(1);
let on = true;
process.on('SIGTERM', () => (on = false));
(async () => {
	while (on) {
		const t = performance.now();
		await (await fetch(base + '/', { headers: { cookie } })).arrayBuffer();
		process.stdout.write((performance.now() - t).toFixed(2) + '\\n');
	}
})();
`;

function startProbe(base: string, cookie: string) {
	const child = spawn(process.execPath, ['-e', PROBE, base, cookie], { stdio: ['ignore', 'pipe', 'inherit'] });
	let text = '';
	child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
	return async (): Promise<number[]> => {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
		return text.split('\n').filter(Boolean).map(Number);
	};
}

export async function runPreviewsBench(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const databaseUrl = freshDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL, 'crowdsky_bench_previews_');
	buildIfStale();
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-previews-'));
	await ensureDatabase(databaseUrl);
	let server: Awaited<ReturnType<typeof startApp>>['child'] | undefined;
	try {
		const app = await startApp(databaseUrl, scratch);
		server = app.child;
		const base = app.baseUrl;
		const memory = () => processMemoryMb(readFileSync(`/proc/${app.child.pid}/status`, 'utf8'));
		const observer = await register(base, 'bench_previews');
		const headers = { cookie: observer.cookie, origin: base };
		const posted = await fetch(`${base}/api/stacks`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/fits' },
			body: (await fullSizeStack()) as Uint8Array<ArrayBuffer>
		});
		if (posted.status !== 201) throw new Error(`POST /api/stacks answered ${posted.status}: ${await posted.text()}`);
		const { id } = (await posted.json()) as { id: number };

		const home = async () => {
			const started = performance.now();
			await (await fetch(`${base}/`, { headers })).arrayBuffer();
			return performance.now() - started;
		};
		const quiet = [];
		for (let i = 0; i < 5; i++) quiet.push(await home());
		const before = memory();

		log(`previews: ${STORM} concurrent previews of stack ${id} ...`);
		let storming = true;
		let peakRss = before.rss;
		const sampler = (async () => {
			while (storming) {
				peakRss = Math.max(peakRss, memory().rss);
				await sleep(SAMPLE_MS);
			}
		})();
		const stopProbe = startProbe(base, observer.cookie);
		const started = performance.now();
		const statuses = await Promise.all(
			stormMaxes(STORM).map(async (max) => {
				const response = await fetch(`${base}/api/stacks/${id}/preview?max=${max}`, { headers });
				await response.arrayBuffer();
				return response.status;
			})
		);
		const seconds = (performance.now() - started) / 1000;
		storming = false;
		const latencies = await stopProbe();
		await sampler;
		const after = memory();
		peakRss = Math.max(peakRss, after.rss);

		const ok = statuses.filter((s) => s === 200).length;
		const busy = statuses.filter((s) => s === 503).length;
		const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * q)] ?? NaN;
		const median = (values: number[]) => quantile(values, 0.5);
		const title =
			`Preview storm: ${STORM} concurrent GET /api/stacks/:id/preview (max 2029…2048 and 16…2000) of one 1080 × 1920 stack ` +
			`against \`node scripts/start.js\`; GET / asked over and over meanwhile. Targets: server under ${RSS_TARGET_MB} MB, GET / under ${LATENCY_TARGET_MS} ms. ` +
			'On the code before (the finding): 133 MB → 1.43 GB RSS for 20 requests, GET / 3 s.';
		const head = ['answers 200/503', 'storm s', 'RSS before MB', 'peak RSS MB', 'VmHWM MB', 'RSS after MB', 'GET / quiet ms', 'GET / storm median ms', 'GET / storm p95 ms', 'GET / storm max ms', 'load'];
		const row = [
			`${ok}/${busy}`,
			fixed(seconds, 2),
			fixed(before.rss, 0),
			fixed(peakRss, 0),
			fixed(after.peak, 0),
			fixed(after.rss, 0),
			fixed(median(quiet), 1),
			fixed(median(latencies), 1),
			fixed(quantile(latencies, 0.95), 1),
			fixed(Math.max(...latencies), 1),
			fixed(loadavg()[0], 1)
		];
		return `${title}\n${formatTable(head, [row], 0)}`;
	} finally {
		if (server) await stop(server);
		await rm(scratch, { recursive: true, force: true });
		await dropDatabase(databaseUrl);
	}
}
