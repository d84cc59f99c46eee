// The benchmark's printed tables: speed, stages of our pipeline, quality beside Siril.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import type { StackReport } from '../src/lib/stacking/types';
import type { SyntheticSet } from '../tests/synthetic';
import type { ChromiumRun } from './chromium-run';
import type { NodeRun } from './node-run';
import type { QualityComparison, StackQuality } from './quality';
import { fwhmTable, type FwhmRow } from './fwhm';
import type { SirilRun } from './siril';
import { fixed, formatTable, mb } from './table';

export interface BenchSet {
	label: string;
	files: string[];
	truth?: SyntheticSet;
}

export interface SetResult {
	set: BenchSet;
	node1: NodeRun;
	nodeN: NodeRun;
	chromium: ChromiumRun;
	siril?: SirilRun;
	sirilError?: string;
	quality?: QualityComparison;
	fwhm?: FwhmRow;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function renderResults(results: SetResult[], env: { cores: number; load: [number, number]; sirilSkipped: boolean }): string {
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	return [
		`CrowdSky benchmark: ${env.cores} cores (${cpu}), Node ${process.version}, Chromium /usr/bin/chromium, Siril 1.0.6 (siril-cli)`,
		`Load average (1 min) before / after: ${env.load.map((l) => l.toFixed(1)).join(' / ')} — other work on the machine slows every run alike.`,
		...(env.sirilSkipped ? ['Siril: SKIPPED, /usr/bin/siril-cli is missing (apt-get install -y siril).'] : []),
		'',
		'Speed (wall = the whole run: process start to stack written; Chromium: page load, frames fetched from 127.0.0.1 into memory while the Web Workers start, stack, plate solve included everywhere)',
		speedTable(results, env.cores),
		'',
		...ratioLines(results, env.cores),
		'',
		'Stages of our pipeline, ms per frame (from the stack report; k: = kernel time per analysed frame, summed over workers)',
		stageTable(results, env.cores, 1),
		'',
		'The same per core: stage ms per frame x threads (the CPU a frame costs when the threads are busy; compare it across runs)',
		stageTable(results, env.cores, env.cores),
		'',
		...qualitySection(results),
		fwhmTable(results.flatMap((r) => (r.fwhm ? [r.fwhm] : []))),
		'',
		'Notes:',
		"- peak MB: Node and Siril = peak RSS of the process (GNU time); Chromium = peak RSS of the tab's renderer process",
		'  (page + the frames in memory, as a Compute tab holds them + Web Workers and their WASM memory).',
		'- Siril/ours > 1 means ours took less time. "stacked": frames each one combined (the synthetic sets hold one clouded frame).',
		'- same bytes: the stack\'s SHA-256 equals that of the 1-thread Node stack.',
		'- Siril script: convert, preprocess -debayer, register -minpairs=4, stack rej w 3 3 -norm=addscale -output_norm.'
	].join('\n');
}

function speedTable(results: SetResult[], cores: number): string {
	const rows: string[][] = [];
	for (const r of results) {
		const n = r.set.files.length;
		const sirilS = r.siril?.wallS;
		const reference = sha256(r.node1.fits);
		const same = (hash: string) => (hash === reference ? 'yes' : 'NO');
		const row = (run: string, wallS: number, peak: number, count: string, sameBytes: string, ratio = true) => [
			r.set.label,
			run,
			String(n),
			fixed(wallS, 2),
			fixed((wallS * 1000) / n, 0),
			fixed(n / wallS, 2),
			mb(peak),
			count,
			ratio && sirilS ? fixed(sirilS / wallS, 2) : '-',
			sameBytes
		];
		rows.push(row('ours, Node, 1 thread', r.node1.wallS, r.node1.peakRss, stacked(r.node1.report), 'ref'));
		rows.push(row(`ours, Node, ${cores} threads`, r.nodeN.wallS, r.nodeN.peakRss, stacked(r.nodeN.report), same(sha256(r.nodeN.fits))));
		const c = r.chromium;
		rows.push(row(`ours, Chromium, ${cores} workers`, c.wallS, c.rendererPeakRss, stacked(c.stack.report), same(c.stack.sha256)));
		if (r.siril) rows.push(row('Siril 1.0.6', r.siril.wallS, r.siril.peakRss, sirilStacked(r.siril), '-', false));
		else rows.push([r.set.label, 'Siril 1.0.6', String(n), r.sirilError ? 'failed' : 'skipped', '-', '-', '-', '-', '-', '-']);
	}
	return formatTable(['set', 'run', 'frames', 'wall s', 'ms/frame', 'frames/s', 'peak MB', 'stacked', 'Siril/ours', 'same bytes'], rows, 2);
}

function stacked(report: StackReport): string {
	return `${report.counts.aligned}/${report.counts.input}`;
}

function sirilStacked(run: SirilRun): string {
	return /(\d+) images have been stacked/.exec(run.stdout)?.[1] ?? '?';
}

const STAGES = ['open', 'analyse', 'align', 'combine', 'solve', 'write', 'total'] as const;
const KERNEL_STAGES = ['decode', 'cosmetic', 'demosaic', 'background', 'stars'] as const;

/**
 * The two figures per set: Siril's wall over ours (the small-chunk ratio on the 6 real
 * frames) and Chromium's speed relative to Node with as many threads, whole run and pipeline alone.
 */
function ratioLines(results: SetResult[], cores: number): string[] {
	const lines = ['Ratios (wall, and CPU where wall is noise on a loaded machine; > 1 = ours faster / Chromium faster)'];
	for (const r of results) {
		const siril = r.siril ? [r.node1.wallS, r.nodeN.wallS, r.chromium.wallS].map((w) => fixed(r.siril!.wallS / w, 2)).join(' / ') : '-';
		const whole = fixed(r.nodeN.wallS / r.chromium.wallS, 2);
		const pipeline = fixed(r.nodeN.report.timings.total.ms / r.chromium.stack.report.timings.total.ms, 2);
		const cpu = `${fixed(r.nodeN.cpuS / r.chromium.cpuS, 2)} CPU (Node ${fixed(r.nodeN.cpuS, 1)} s, Chromium's processes ${fixed(r.chromium.cpuS, 1)} s)`;
		lines.push(
			`  ${r.set.label}: Siril/ours (Node 1 thread / Node ${cores} threads / Chromium) ${siril}; ` +
				`Chromium/Node ${cores} threads: ${whole} whole run, ${pipeline} pipeline (stack report total), ${cpu}`
		);
	}
	return lines;
}

/** Per-stage ms per frame, times `perCore` (1, or the thread count for ms per frame per core). */
function stageTable(results: SetResult[], cores: number, perCore: number): string {
	const rows: string[][] = [];
	for (const r of results) {
		const runs: [string, StackReport, number][] = [
			['Node, 1 thread', r.node1.report, 1],
			[`Node, ${cores} threads`, r.nodeN.report, perCore],
			[`Chromium, ${cores} workers`, r.chromium.stack.report, perCore]
		];
		for (const [name, rep, times] of runs) {
			const analysed = rep.frames.filter((f) => f.stars !== null).length || 1;
			rows.push([
				r.set.label,
				name,
				...STAGES.map((s) => fixed(rep.timings[s].perFrameMs * times, 0)),
				...KERNEL_STAGES.map((k) => fixed((rep.timings.kernel[k] ?? NaN) / analysed, 0))
			]);
		}
	}
	return formatTable(['set', 'run', ...STAGES, ...KERNEL_STAGES.map((k) => `k:${k}`)], rows, 2);
}

export const HOT_NOTE =
	"  hot = (value - median 3-5 px around) / sigma at every stacked frame's true hot pixels, away from stars, all channels: 99th percentile / max\n" +
	'        (noise) = the 99th percentile of the same at those sites moved by (37, 23) px, where there is only noise.';

export function hotCell(q: StackQuality): string {
	return `${fixed(q.hot.p99, 2)} / ${fixed(q.hot.max, 1)} (${fixed(q.hot.noiseP99, 2)})`;
}

function qualitySection(results: SetResult[]): string[] {
	const withQuality = results.filter((r) => r.quality);
	if (withQuality.length === 0) return [];
	const rows: string[][] = [];
	const matches: string[] = [];
	const rgb = (v: number[], digits: number) => v.map((x) => fixed(x, digits)).join(' / ');
	for (const r of withQuality) {
		const q = r.quality!;
		rows.push([r.set.label, 'ours', rgb(q.ours.sigma, 2), '-', rgb(q.ours.trail, 2), hotCell(q.ours)]);
		rows.push([r.set.label, 'Siril', rgb(q.siril.sigma, 2), rgb(q.siril.sigma.map((s, c) => s / q.ours.sigma[c]), 3), rgb(q.siril.trail, 2), hotCell(q.siril)]);
		const flipped = q.sirilFlipped ? '; Siril rows flipped' : '';
		matches.push(`  ${r.set.label}: ${q.matchedStars} stars matched between the stacks; Siril flux / ours ${q.scale.map((s) => s.toExponential(3)).join(' / ')}${flipped}`);
	}
	return [
		'Quality on the synthetic sets, per channel R / G / B',
		'  noise = robust sigma of the sky away from detected stars (median over 64 px tiles, 100 px from the edges),',
		"          Siril's divided by its flux scale (aperture photometry of matched stars), so both are in our units;",
		"  trail = median excess along the generator's true trail line over the sky beside it, in that stack's sigmas (0 = gone);",
		HOT_NOTE,
		formatTable(['set', 'stack', 'noise', 'Siril / ours', 'trail residual (sigma)', 'hot p99 / max (noise) (sigma)'], rows, 2),
		...matches,
		''
	];
}
