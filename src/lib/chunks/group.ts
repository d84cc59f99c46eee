import { healpixRing, HEALPIX_NSIDE } from './healpix';
import { separationDeg } from './pointing';
import type { Cadence, Chunk, FrameInfo } from './types';
import { chunkKey, utcDay, windowIndex } from './window';

/**
 * Frames of one telescope and window whose pointings are within this angle of the group's first
 * frame are one chunk. The Seestar S50 sees about 0.7° × 1.3° and moves its commanded RA by ~0.03°
 * when it re-centres; 0.25° is far above that jitter and well under the short side of the field,
 * so frames grouped together overlap by most of the field, and two targets framed apart never merge.
 */
export const POINTING_GROUP_DEG = 0.25;

/**
 * Chunks of `frames` at `cadence`: one per telescope, UTC window and pointing group. Deterministic
 * and independent of input order: frames are taken by DATE-OBS, then name, and each joins the
 * first group (by time) whose first frame is within POINTING_GROUP_DEG, else starts one. The key
 * carries that first frame's pointing; first frames of a window are more than 0.25° apart, and
 * positions with equal keys are under 0.15° apart, so two groups of a window never share a key.
 */
export function groupChunks(frames: FrameInfo[], cadence: Cadence): Chunk[] {
	const groups = new Map<string, FrameInfo[][]>();
	for (const frame of [...frames].sort(byTimeThenName)) {
		const bin = binOf(frame, cadence);
		const binGroups = groups.get(bin) ?? [];
		groups.set(bin, binGroups);
		const group = binGroups.find(([first]) => separationDeg(first.ra, first.dec, frame.ra, frame.dec) <= POINTING_GROUP_DEG);
		if (group) group.push(frame);
		else binGroups.push([frame]);
	}
	const chunks = [...groups.values()].flat().map((group) => summarise(group, cadence));
	return chunks.sort((a, b) => a.start - b.start || compare(a.key, b.key) || compare(a.telescope ?? '', b.telescope ?? ''));
}

/** Telescope and UTC window: frames in different bins never share a chunk. */
function binOf(frame: FrameInfo, cadence: Cadence): string {
	const telescope = frame.telescope === null ? '-' : `=${frame.telescope}`;
	return `${utcDay(frame.dateObs)}.${windowIndex(frame.dateObs, cadence)}${telescope}`;
}

function summarise(frames: FrameInfo[], cadence: Cadence): Chunk {
	const [first] = frames;
	return {
		key: chunkKey(first.dateObs, cadence, first.ra, first.dec),
		telescope: first.telescope,
		object: mostCommonObject(frames),
		ra: first.ra,
		dec: first.dec,
		healpix: healpixRing(HEALPIX_NSIDE, first.ra, first.dec),
		start: first.dateObs,
		end: frames.reduce((end, f) => Math.max(end, f.dateObs + f.exptime * 1000), first.dateObs),
		exposure: frames.reduce((sum, f) => sum + f.exptime, 0),
		frames
	};
}

/** The OBJECT most frames name; a tie goes to the one named first in time. */
function mostCommonObject(frames: FrameInfo[]): string | null {
	const counts = new Map<string, number>();
	for (const { object } of frames) if (object !== null) counts.set(object, (counts.get(object) ?? 0) + 1);
	let best: string | null = null;
	for (const [object, count] of counts) if (best === null || count > counts.get(best)!) best = object;
	return best;
}

/** DATE-OBS, then name; then the remaining fields, so that even duplicates sort one way. */
function byTimeThenName(a: FrameInfo, b: FrameInfo): number {
	return (
		a.dateObs - b.dateObs ||
		compare(a.name, b.name) ||
		a.size - b.size ||
		a.ra - b.ra ||
		a.dec - b.dec ||
		a.exptime - b.exptime ||
		compare(a.object ?? '', b.object ?? '')
	);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
