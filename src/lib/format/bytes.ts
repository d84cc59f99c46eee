/** Sizes as people read them. */

export const MB = 1024 * 1024;

/** "4.0 MB", "48 MB", "1,234 MB", "1.2 GB". */
export function formatMb(bytes: number): string {
	const mb = bytes / MB;
	if (mb >= 1024) return `${(mb / 1024).toFixed(1).replace(/\.0$/, '')} GB`;
	return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-GB')} MB`;
}

/** The same text for a figure already in MB (the users' storage columns). */
export function formatMegabytes(mb: number): string {
	return formatMb(mb * MB);
}

export function formatSpeed(bytesPerSecond: number): string {
	return `${(bytesPerSecond / MB).toFixed(1)} MB/s`;
}
