/** The stacks API's wire contract (/api/stacks, /s/<token>): what the map, timeline, gallery and stack pages read. */
// Relative: schema.ts imports this file for drizzle-kit, which knows no $lib.
import type { HeaderSolution } from '../solve/read-solution';

/** Where a stack came from: stacked by CrowdSky's workers, or uploaded as made on the telescope. */
export const STACK_SOURCES = ['crowd', 'telescope'] as const;
export type StackSource = (typeof STACK_SOURCES)[number];

/** Why a share link stopped working: its owner revoked it, made a new one, or deleted the stack. */
export const SHARE_LINK_ENDINGS = ['revoked', 'replaced', 'deleted'] as const;
export type ShareLinkEnding = (typeof SHARE_LINK_ENDINGS)[number];

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
	/** A plate-solved stack's corners as [ra, dec] degrees ((1,1), (1,H), (W,H), (W,1)); null when not solved. */
	footprint: [number, number][] | null;
}

/** A catalogued object inside a solved stack's picture. */
export interface FieldObject {
	/** Designations, the catalogue's own first: `M 94`, `NGC 4736`. */
	ids: string[];
	names: string[];
	type: string;
	ra: number;
	dec: number;
	/** FITS pixel (1-based) of its position in the stack. */
	x: number;
	y: number;
	/** Major axis, arcminutes; null when the catalogue gives none. */
	major: number | null;
}

/** A stack's plate solution as its stored file's primary header gives it (PLTSOLVD and the WCS), for the stack page. */
export type StackSolution =
	| Exclude<HeaderSolution, { state: 'solved' }>
	| (Omit<Extract<HeaderSolution, { state: 'solved' }>, 'footprint'> & {
			/** The stack's size in pixels, which the WCS's pixel coordinates refer to. */
			width: number;
			height: number;
			/** Catalogued objects whose position is in the picture, nearest the centre first. */
			objects: FieldObject[];
	  });

/** A stack's page: the summary, every column worth showing, the stacking report and whether a share link exists. */
export interface StackDetail extends StackSummary {
	/** Null for a stack made on the telescope. */
	stackingJobId: number | null;
	source: StackSource;
	fileSizeBytes: number;
	stars: number | null;
	healpix: number | null;
	createdAt: string;
	/** `{object}_{chunk_key}.fits`. */
	fileName: string;
	/** The CrowdSky FITS; with `?layout=cube`, the same stack as one RGB image (`downloadName(fileName, 'rgb', 'fits')`). */
	fitsUrl: string;
	previewUrl: string | null;
	/** The processed picture, 16-bit PNG; with `?format=jpeg`, a JPEG (what pages show: a tenth of the bytes). Null where it is not offered. */
	pictureUrl: string | null;
	/** The stacking report (`{ reference, frames: [...], ... }`), or null (none stored, e.g. a telescope stack). */
	report: unknown;
	shared: boolean;
	solution: StackSolution;
}

/** The downloads beside the CrowdSky FITS: the RGB cube FITS, the processed picture, the viewer's stretch. */
export type StackDownload = 'rgb' | 'picture' | 'stretch';

/** `M_94_key.fits` -> `M_94_key-rgb.fits`, `…-picture.png`, …: every download under its own name. */
export function downloadName(fitsName: string, variant: StackDownload, extension: 'fits' | 'png' | 'jpg'): string {
	return `${fitsName.replace(/\.fits$/, '')}-${variant}.${extension}`;
}

/** The ONE URL builder for a stack's thumbnail. */
export function thumbnailUrl(id: number): string {
	return `/api/stacks/${id}/thumbnail`;
}

/** POST /api/stacks/:id/share answers the new link. */
export interface ShareLink {
	url: string;
}

/** POST /api/stacks/zip: the stacks to download as one zip. */
export interface ZipRequest {
	ids: number[];
	/** Each stack's thumbnail PNG too. */
	png?: boolean;
	/** Each stack's RGB cube FITS (`-rgb.fits`) too. */
	cube?: boolean;
}
