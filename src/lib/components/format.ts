/** Dates and sizes as pages show them. Always UTC, so server and browser render the same text. */

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'UTC'
});

export function formatDate(date: Date): string {
	return dateFormat.format(date);
}

export function formatDateTime(date: Date): string {
	return `${dateTimeFormat.format(date)} UTC`;
}

/** Megabytes as people read them: "0 MB", "12.5 MB", "1.2 GB". */
export function formatMegabytes(mb: number): string {
	if (mb >= 1024) return `${(mb / 1024).toFixed(1).replace(/\.0$/, '')} GB`;
	return `${mb.toFixed(1).replace(/\.0$/, '')} MB`;
}
