/** How the Upload page writes durations, sizes, speeds and times (UTC, like every page). */

/** "45 s", "3 min 5 s", "1 min", "1 h 12 min"; an em dash when unknown. */
export function formatDuration(seconds: number | null): string {
	if (seconds === null) return '—';
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
	return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

const MB = 1024 * 1024;

export function formatMb(bytes: number): string {
	const mb = bytes / MB;
	return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-GB')} MB`;
}

export function formatSpeed(bytesPerSecond: number): string {
	return `${(bytesPerSecond / MB).toFixed(1)} MB/s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-07-30 22:44:36" in UTC. */
export function formatUtc(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "22:44:36" in UTC. */
export function formatUtcTime(ms: number): string {
	return formatUtc(ms).slice(11);
}

/** Seconds of exposure as "40 s" or "1 h 12 min" (whole seconds). */
export function formatExposure(seconds: number): string {
	return formatDuration(Math.round(seconds));
}
