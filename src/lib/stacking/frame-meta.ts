import type { FitsHeader } from '../fits/header';
import { parseFitsDate } from './fits-time';

/** What the stack's header and the pipeline need from one frame's header. */
export interface FrameMeta {
	/** Exposure in seconds (EXPTIME, else EXPOSURE). */
	exptime?: number;
	/** Exposure start, microseconds since 1970 UTC (DATE-OBS). */
	start?: number;
	object?: string;
	telescop?: string;
	instrume?: string;
	filter?: string;
	ra?: number;
	dec?: number;
	ccdTemp?: number;
	gain?: number;
	siteLat?: number;
	siteLong?: number;
	/** Pixel size in microns. */
	xpixsz?: number;
	/** Focal length in mm. */
	focallen?: number;
}

export function readFrameMeta(header: FitsHeader): FrameMeta {
	const exptime = header.number('EXPTIME') ?? header.number('EXPOSURE');
	return {
		exptime: exptime !== undefined && exptime > 0 ? exptime : undefined,
		start: parseFitsDate(header.string('DATE-OBS')),
		object: header.string('OBJECT'),
		telescop: header.string('TELESCOP'),
		instrume: header.string('INSTRUME'),
		filter: header.string('FILTER'),
		ra: header.number('RA'),
		dec: header.number('DEC'),
		ccdTemp: header.number('CCD-TEMP'),
		gain: header.number('GAIN'),
		siteLat: header.number('SITELAT'),
		siteLong: header.number('SITELONG'),
		xpixsz: positive(header.number('XPIXSZ')),
		focallen: positive(header.number('FOCALLEN'))
	};
}

function positive(v: number | undefined): number | undefined {
	return v !== undefined && v > 0 ? v : undefined;
}
