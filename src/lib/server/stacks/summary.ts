import { thumbnailUrl, type StackSummary } from '$lib/api/stacks';
import { stackedFrames } from '$lib/server/db/schema';

/** The columns a summary needs, and nothing else (the list of 10,000 stays small). */
export const summaryColumns = {
	id: stackedFrames.id,
	objectName: stackedFrames.objectName,
	raDeg: stackedFrames.raDeg,
	decDeg: stackedFrames.decDeg,
	dateObsStart: stackedFrames.dateObsStart,
	dateObsEnd: stackedFrames.dateObsEnd,
	totalExptime: stackedFrames.totalExptime,
	nFramesAligned: stackedFrames.nFramesAligned,
	nFramesInput: stackedFrames.nFramesInput,
	telescope: stackedFrames.telescope,
	filterName: stackedFrames.filterName,
	chunkKey: stackedFrames.chunkKey,
	wcsFootprint: stackedFrames.wcsFootprint
};

type Columns = typeof stackedFrames.$inferSelect;
/** A summary's columns; the dates as drizzle maps them (Date) or as its driver gives them plainly (UTC text). */
export type SummaryRow = Omit<{ [K in keyof typeof summaryColumns]: Columns[K] }, 'dateObsStart' | 'dateObsEnd' | 'wcsFootprint'> & {
	dateObsStart: Date | string | null;
	dateObsEnd: Date | string | null;
	/** Parsed by drizzle; from the pool directly, parsed or as JSON text depending on how the server labels the column. */
	wcsFootprint: [number, number][] | string | null;
};

export function toSummary(row: SummaryRow): StackSummary {
	return {
		id: row.id,
		object: row.objectName,
		ra: round(row.raDeg, 5),
		dec: round(row.decDeg, 5),
		start: isoUtc(row.dateObsStart),
		end: isoUtc(row.dateObsEnd),
		exposure: round(row.totalExptime, 3),
		framesAligned: row.nFramesAligned,
		framesInput: row.nFramesInput,
		telescope: row.telescope,
		filter: row.filterName,
		chunkKey: row.chunkKey,
		thumbnailUrl: thumbnailUrl(row.id),
		footprint: footprintOf(row.wcsFootprint)
	};
}

/** Corners to 1e-4° (0.4″, a fraction of a Seestar pixel): enough to draw, small in a list of 10,000. */
function footprintOf(value: SummaryRow['wcsFootprint']): [number, number][] | null {
	if (value === null) return null;
	const corners: [number, number][] = typeof value === 'string' ? JSON.parse(value) : value;
	return corners.map(([ra, dec]) => [round(ra, 4)!, round(dec, 4)!]);
}

/** Positions to 1e-5° (0.04″) and exposures to 1 ms: the FLOAT column's noise digits would only weigh down a list of 10,000. */
function round(value: number | null, digits: number): number | null {
	if (value === null) return null;
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

/** ISO 8601 UTC with milliseconds, from a Date or MariaDB's `YYYY-MM-DD hh:mm:ss` UTC text (no Date made for it). */
function isoUtc(value: Date | string | null): string | null {
	if (value === null) return null;
	if (value instanceof Date) return value.toISOString();
	return value.length === 19 ? `${value.slice(0, 10)}T${value.slice(11)}.000Z` : new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

/**
 * `{object}_{chunk_key}{suffix}.fits`: spaces become '_', anything but letters, digits, '.', '_',
 * '+', '-' is dropped; `suffix` (e.g. '-picture') tells a stack's files of one type apart.
 */
export function stackFileName(s: { object: string | null; chunkKey: string }, extension = 'fits', suffix = ''): string {
	const clean = (text: string) => text.trim().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}._+-]/gu, '').replace(/^\.+/, '');
	const object = clean(s.object ?? '') || 'stack';
	return `${object}_${clean(s.chunkKey)}${suffix}.${extension}`;
}
