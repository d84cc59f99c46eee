// The drill's figures, as plain text: throughput, recovery after each fault, peak memory, the
// requests each instance served, and what the attackers tried and what came of it.
import { fixed, formatTable } from '../bench/table';
import type { FaultRecord } from './faults';
import type { AttackFigures } from './proof-attacks';
import type { Watch } from './watch';

export interface FigureInput {
	startedAt: number;
	uploadedFrames: number;
	uploadSeconds: number;
	uploadRetries: number;
	watch: Watch;
	faults: FaultRecord[];
	serverPeaksMb: number[];
	serverCpuS: number[];
	runnerPeaksMb: number[];
	/** Requests each app instance answered through nginx. */
	served: { instance: string; requests: number }[];
	attack?: AttackFigures;
}

const tally = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} ${k}`).join(', ') || '-';

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : fixed(ms / 1000, 1));

export function formatFigures(f: FigureInput): string {
	const finished = [...f.watch.finished.values()].filter((j) => j.at >= f.startedAt);
	const lastAt = Math.max(...finished.map((j) => j.at));
	const minutes = (lastAt - f.startedAt) / 60_000;
	const throughput = formatTable(
		['frames stored', 'jobs finished', 'minutes (load start to last job)', 'frames/min', 'jobs/min', 'upload s', 'upload requests retried'],
		[[String(f.uploadedFrames), String(finished.length), fixed(minutes, 2), fixed(f.uploadedFrames / minutes, 1), fixed(finished.length / minutes, 2), fixed(f.uploadSeconds, 1), String(f.uploadRetries)]],
		0
	);
	const after = (t: number, times: number[]) => times.filter((x) => x >= t).sort((a, b) => a - b)[0];
	const rows = f.faults.map((fault) => {
		const nextJob = after(fault.end, finished.map((j) => j.at));
		const held = fault.jobInHand === undefined ? undefined : f.watch.finished.get(fault.jobInHand)?.at;
		return [
			fault.name,
			`+${seconds(fault.start - f.startedAt)}`,
			seconds(fault.end - fault.start),
			seconds(after(fault.end, f.watch.apiOk) === undefined ? undefined : after(fault.end, f.watch.apiOk)! - fault.end),
			seconds(nextJob === undefined ? undefined : nextJob - fault.end),
			held === undefined ? '-' : `job ${fault.jobInHand}: ${seconds(held - fault.start)}`
		];
	});
	const recovery = formatTable(['fault', 'at s', 'down s', 'API ok after s', 'next job finished after s', 'held job finished after kill s'], rows, 1);
	const memory = formatTable(
		['server processes', 'server peak VmHWM MB (each)', 'server CPU s (each)', 'runners', 'runner peak VmHWM MB (max)'],
		[
			[
				String(f.serverPeaksMb.length),
				f.serverPeaksMb.map((m) => fixed(m, 0)).join(', '),
				f.serverCpuS.map((s) => fixed(s, 0)).join(', '),
				String(f.runnerPeaksMb.length),
				fixed(Math.max(...f.runnerPeaksMb), 0)
			]
		],
		0
	);
	const instances = formatTable(['instance', 'requests served through nginx'], f.served.map((s) => [s.instance, String(s.requests)]), 0);
	const tables = [throughput, recovery, memory, instances];
	if (f.attack) {
		const { forged, grief, spotChecks } = f.attack;
		tables.push(
			formatTable(
				['forged stacks posted', 'refused (422)', 'accepted', 'other answers'],
				[[String(forged.posted), String(forged.refused), String(forged.accepted), tally(forged.otherAnswers)]],
				0
			),
			formatTable(
				['griefer fails taken', 'job status answered', '429s', 'jobs its fail used an attempt of', 'jobs failed on its word'],
				[[String(grief.fails), tally(grief.answers), String(grief.limited), String(grief.counted), String(grief.jobsFailedForGood)]],
				0
			),
			formatTable(
				['untrusted results', 'spot-checked', 'passed', 'failed', 'row bands recomputed', "workers' CPU s in all results"],
				[
					[
						String(spotChecks.results),
						String(spotChecks.checked),
						String(spotChecks.passed),
						String(spotChecks.failed),
						String(spotChecks.bands),
						fixed(spotChecks.workerCpuS, 0)
					]
				],
				0
			)
		);
	}
	return tables.join('\n\n');
}
