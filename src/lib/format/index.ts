/** The one set of formatters: sizes, durations and exposures, dates (UTC), sky positions. */
export { formatMb, formatMegabytes, formatSpeed, MB } from './bytes';
export { formatDuration } from './duration';
export { formatDate, formatDateTime, formatSpan, formatUtc, formatUtcTime } from './date';
export { formatPosition, formatRaDec, objectName } from './sky';
export { fileNameParts } from './file-name-parts';
