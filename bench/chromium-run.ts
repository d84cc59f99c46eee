// One stack in headless Chromium's Web Workers, on a fresh browser so its peak memory is this run's.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { launchChromium, stackInChromium } from '../tests/browser/chromium';
import type { BrowserStack } from '../tests/browser/harness/protocol';
import { serveIsolated } from '../tests/browser/isolated-server';

const CATALOG = new URL('../static/catalog/', import.meta.url).pathname;

export interface ChromiumRun {
	stack: BrowserStack;
	/** Page load + download of the frames into Files + stack (plate solve included), s. */
	wallS: number;
	/** User + system CPU of all of Chromium's processes over that time (browser, network, GPU, the tab), s. */
	cpuS: number;
	/** Peak RSS of the largest renderer process (the tab: page, Web Workers and their WASM), bytes. */
	rendererPeakRss: number;
}

/** Stacks `files` (all in one folder) in the harness built at `harnessDir`. */
export async function runInChromium(harnessDir: string, files: string[], threads: number): Promise<ChromiumRun> {
	const dir = dirname(files[0]);
	// The catalogue too, so the tab plate-solves as Node does: the same work and the same bytes.
	const server = await serveIsolated([
		{ prefix: '/', dir: harnessDir },
		{ prefix: '/frames/', dir },
		{ prefix: '/catalog/', dir: CATALOG }
	]);
	const chromium = await launchChromium();
	try {
		const urls = files.map((f) => `${server.url}/frames/${encodeURIComponent(basename(f))}`);
		const cpuBefore = chromiumCpuS(chromium.userDataDir);
		const started = performance.now();
		const stack = await stackInChromium(chromium.page, server.url, urls, threads, '/catalog/');
		const wallS = (performance.now() - started) / 1000;
		const cpuS = chromiumCpuS(chromium.userDataDir) - cpuBefore;
		return { stack, wallS, cpuS, rendererPeakRss: rendererPeakRss(chromium.userDataDir) };
	} finally {
		await chromium.close();
		await server.close();
	}
}

/** Largest VmHWM among the renderer processes of the Chromium that runs on `userDataDir`. */
function rendererPeakRss(userDataDir: string): number {
	let peak = 0;
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (!cmd.includes('--type=renderer') || !cmd.includes(userDataDir)) continue;
			const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
			peak = Math.max(peak, kb * 1024);
		} catch {
			// the process ended while we looked
		}
	}
	return peak;
}

/** User + system CPU so far of every process of the Chromium on `userDataDir`, s (/proc/PID/stat, in clock ticks of 10 ms). */
function chromiumCpuS(userDataDir: string): number {
	let ticks = 0;
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(userDataDir)) continue;
			// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// the process ended while we looked
		}
	}
	return ticks / 100;
}
