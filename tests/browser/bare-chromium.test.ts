// The soak's tab driver: a page opened over the bare DevTools pipe carries the session cookie, runs
// what it is told, and its requests reach the server without DevTools hearing of them (Playwright's
// Network domain copied each request body into an event; the soak must not pay that).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBareChromium } from './bare-chromium';

let server: Server;
let base: string;
const posted: { cookie?: string; bytes: number }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		if (req.method === 'POST') {
			let bytes = 0;
			req.on('data', (d: Buffer) => (bytes += d.length));
			req.on('end', () => {
				posted.push({ cookie: req.headers.cookie, bytes });
				res.end(String(bytes));
			});
			return;
		}
		res.setHeader('content-type', 'text/html');
		res.end('<!doctype html><title>bare</title><p>page</p>');
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((ok) => server.close(ok));
});

it('opens a page with the cookie set, evaluates in it, sends its requests unobserved and leaves nothing behind', async () => {
	const chromium = await launchBareChromium();
	const events: string[] = [];
	for (const method of ['Network.requestWillBeSent', 'Network.dataReceived', 'Network.loadingFinished']) chromium.on(method, () => events.push(method));
	let pid = 0;
	try {
		await chromium.send('Storage.setCookies', { cookies: [{ name: 'session', value: 'abc123', url: base }] });
		const tab = await chromium.open(`${base}/`);
		expect(await chromium.evaluate<string>(tab, 'document.title')).toBe('bare');
		const answer = await chromium.evaluate<string>(tab, `fetch('/post', { method: 'POST', body: new Uint8Array(5_000_000) }).then((r) => r.text())`);
		expect(answer).toBe('5000000');
		expect(posted).toEqual([{ cookie: 'session=abc123', bytes: 5_000_000 }]);
		await expect(chromium.evaluate(tab, `(() => { throw new Error('thrown in the page'); })()`)).rejects.toThrow('thrown in the page');
		expect(events).toEqual([]);
		pid = browserPid(chromium.userDataDir);
		expect(pid).toBeGreaterThan(0);
	} finally {
		await chromium.close();
	}
	expect(existsSync(chromium.userDataDir)).toBe(false);
	expect(existsSync(`/proc/${pid}`)).toBe(false);
});

/** The browser process of the Chromium on `userDataDir` (the one without --type=). */
function browserPid(userDataDir: string): number {
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.includes('--type=')) return Number(pid);
		} catch {
			// the process ended while we looked
		}
	}
	return 0;
}
