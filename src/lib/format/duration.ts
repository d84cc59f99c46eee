/**
 * Seconds (durations, times left, exposures) as "45 s", "3 min 5 s", "1 min", "1 h", "2 h 05 min";
 * whole seconds; an em dash when unknown.
 */
export function formatDuration(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '—';
	const s = Math.round(seconds);
	if (s < 60) return `${s} s`;
	const minutes = Math.floor(s / 60);
	if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	return minutes % 60 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${hours} h`;
}
