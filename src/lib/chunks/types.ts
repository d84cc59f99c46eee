/** Chunk window length in minutes: 15 for the free tier, 3 or 1 for pro. */
export type Cadence = 15 | 3 | 1;

export const CADENCES: readonly Cadence[] = [15, 3, 1];

/** What the upload needs from one frame's header. */
export interface FrameInfo {
	name: string;
	size: number;
	/** Exposure start, ms since 1970 UTC, from DATE-OBS (never the file name, which carries local time). */
	dateObs: number;
	/** Seconds, from EXPTIME, else EXPOSURE. */
	exptime: number;
	/** Degrees: RA in [0, 360), Dec in [-90, 90]. */
	ra: number;
	dec: number;
	object: string | null;
	telescope: string | null;
	filter: string | null;
	instrument: string | null;
	/** HEALPix NSIDE 128 RING pixel of (ra, dec). */
	healpix: number;
}

export type FrameCheck = { ok: true; frame: FrameInfo } | { ok: false; reason: string };

/** The frames that become one stack: one telescope, one pointing, one UTC window. */
export interface Chunk {
	key: string;
	telescope: string | null;
	/** The most common OBJECT of its frames. */
	object: string | null;
	/** The group's pointing (its first frame's), degrees, and its HEALPix NSIDE 128 RING pixel. */
	ra: number;
	dec: number;
	healpix: number;
	/** ms since 1970 UTC: first DATE-OBS, and the latest DATE-OBS + EXPTIME. */
	start: number;
	end: number;
	/** Total exposure, seconds. */
	exposure: number;
	/** Sorted by dateObs, then name. */
	frames: FrameInfo[];
}
