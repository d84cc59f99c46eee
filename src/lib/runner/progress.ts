import type { StackProgress, StackStage } from '../stacking/types';

interface Output {
	isTTY?: boolean;
	columns?: number;
	write(text: string): unknown;
}

const UNIT: Record<StackStage, string> = { open: 'frames', analyse: 'frames', align: 'frames', combine: 'bands', solve: 'steps', write: 'steps' };
const BAR_WIDTH = 24;

/**
 * Stage progress for a terminal: a redrawn bar (stage, done/total, rate) on a TTY, and one plain
 * line per stage start and end otherwise (logs, CI).
 */
export function progressReporter(out: Output, now: () => number = () => performance.now()) {
	let stage: StackStage | undefined;
	let stageStart = 0;
	let drawn = false;

	function line(p: StackProgress): string {
		const seconds = (now() - stageStart) / 1000;
		const rate = seconds > 0 && p.done > 0 ? `  ${(p.done / seconds).toFixed(1)} ${UNIT[p.stage]}/s` : '';
		return `${p.stage.padEnd(8)} ${p.done}/${p.total}${rate}`;
	}

	return {
		update(p: StackProgress): void {
			if (p.stage !== stage) {
				if (out.isTTY && drawn) out.write('\n');
				stage = p.stage;
				stageStart = now();
				drawn = false;
				if (!out.isTTY) out.write(`${line(p)}\n`);
			}
			if (out.isTTY) {
				const filled = p.total > 0 ? Math.round((BAR_WIDTH * p.done) / p.total) : BAR_WIDTH;
				out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${line(p)}\x1b[K`);
				drawn = true;
			} else if (p.done === p.total && p.total > 0) out.write(`${line(p)}\n`);
		},
		/** Ends the bar's line so the next output starts clean. */
		finish(): void {
			if (out.isTTY && drawn) out.write('\n');
			drawn = false;
		}
	};
}
