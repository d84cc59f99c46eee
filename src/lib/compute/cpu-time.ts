import type { StackReport } from '../stacking/types';

/**
 * CPU time a job cost the volunteer, ms, from the report: the kernel's analyse time summed over
 * frames (measured per call), plus the combine's wall time times the threads it kept busy, plus
 * the other stages' wall time (open, align, solve, write run on one thread). An estimate for the
 * volunteer's totals, never used to judge a result.
 */
export function cpuMs(report: StackReport): number {
	const { timings, threads } = report;
	const kernel = Object.values(timings.kernel).reduce((sum, ms) => sum + ms, 0);
	const serial = timings.open.ms + timings.align.ms + timings.solve.ms + timings.write.ms;
	return Math.round(kernel + timings.combine.ms * threads + serial);
}
