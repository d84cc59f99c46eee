import { expireStaleSessions } from './expire';

const HOUR_MS = 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the expiry sweep every hour in this server process. The timer is unref'd, so it never
 * keeps a stopped server alive; a failed sweep is logged and the next hour tries again.
 */
export function startHourlySweep(): void {
	if (timer) return;
	timer = setInterval(() => {
		expireStaleSessions()
			.then(({ sessions, files, failed }) => {
				if (sessions.length > 0 || failed.length > 0) {
					console.log(`Sweep: ${sessions.length} upload session(s) expired, ${files} file(s) removed, ${failed.length} failure(s)`);
				}
			})
			.catch((error) => console.error('Sweep failed:', error));
	}, HOUR_MS);
	timer.unref();
}
