import { describeSweep, sweepAll } from './sweep';

const HOUR_MS = 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the sweep (`sweepAll`) every hour in this server process; every instance may, at once. The
 * timer is unref'd, so it never keeps a stopped server alive; a failed step is logged and the
 * next hour tries again.
 */
export function startHourlySweep(): void {
	if (timer) return;
	timer = setInterval(() => {
		sweepAll()
			.then((report) => {
				const { expired, tempRemoved, orphansRemoved, rawsDeleted, candidateJobs, failed } = report;
				if (expired.sessions.length + expired.failed.length + tempRemoved + orphansRemoved.length + rawsDeleted + candidateJobs + failed.length > 0) {
					console.log(describeSweep(report));
				}
			})
			.catch((error) => console.error('Sweep failed:', error));
	}, HOUR_MS);
	timer.unref();
}
