import { stackedFrames } from '$lib/server/db/schema';

/** One stack as the map, timeline and gallery show it: compact, no storage paths. */
export interface StackSummary {
	id: number;
	object: string | null;
	ra: number | null;
	dec: number | null;
	/** ISO 8601 UTC. */
	start: string | null;
	end: string | null;
	/** Total exposure, seconds. */
	exposure: number | null;
	framesAligned: number;
	framesInput: number;
	telescope: string | null;
	filter: string | null;
	chunkKey: string;
	thumbnailUrl: string;
}

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
	chunkKey: stackedFrames.chunkKey
};

export type SummaryRow = { [K in keyof typeof summaryColumns]: (typeof stackedFrames.$inferSelect)[K] };

export function toSummary(row: SummaryRow): StackSummary {
	return {
		id: row.id,
		object: row.objectName,
		ra: row.raDeg,
		dec: row.decDeg,
		start: row.dateObsStart?.toISOString() ?? null,
		end: row.dateObsEnd?.toISOString() ?? null,
		exposure: row.totalExptime,
		framesAligned: row.nFramesAligned,
		framesInput: row.nFramesInput,
		telescope: row.telescope,
		filter: row.filterName,
		chunkKey: row.chunkKey,
		thumbnailUrl: thumbnailUrl(row.id)
	};
}

/** The ONE URL builder for a stack's thumbnail. */
export function thumbnailUrl(id: number): string {
	return `/api/stacks/${id}/thumbnail`;
}

/** `{object}_{chunk_key}.fits`: spaces become '_', anything but letters, digits, '.', '_', '+', '-' is dropped. */
export function stackFileName(s: { object: string | null; chunkKey: string }, extension = 'fits'): string {
	const clean = (text: string) => text.trim().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}._+-]/gu, '').replace(/^\.+/, '');
	const object = clean(s.object ?? '') || 'stack';
	return `${object}_${clean(s.chunkKey)}.${extension}`;
}
