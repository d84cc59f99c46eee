import { describeSweep, sweepAll } from './sweep';
import { errorFields, log } from '$lib/server/log';

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
					log('info', 'sweep', { summary: describeSweep(report) });
				}
			})
			.catch((error) => log('error', 'sweep-failed', errorFields(error)));
	}, HOUR_MS);
	timer.unref();
}
