import { parseFitsDate } from '$lib/stacking/fits-time';
import { ApiError, INT_UNSIGNED_MAX, wholeNumber } from '$lib/server/http';
import type { StackPlanes } from '$lib/server/stacks';
import type { TelescopeMeta } from './telescope-request';

/** What the catalogue records of a telescope-made stack, from its PRIMARY header. */
export interface TelescopeFacts {
	object: string | null;
	ra: number;
	dec: number;
	start: Date;
	end: Date;
	exposure: number | null;
	aligned: number;
	input: number;
	telescope: string | null;
	filter: string | null;
}

/** Reads the header of a telescope-made stack; 422 when the pointing or the start time is missing. */
export function telescopeFacts(planes: StackPlanes, meta: TelescopeMeta): TelescopeFacts {
	const { header } = planes;
	const ra = header.number('RA') ?? header.number('CRVAL1');
	const dec = header.number('DEC') ?? header.number('CRVAL2');
	if (ra === undefined || dec === undefined || ra < 0 || ra > 360 || dec < -90 || dec > 90) {
		throw new ApiError(422, `the header needs the pointing: RA and DEC (or CRVAL1, CRVAL2) in degrees; found RA ${ra ?? 'none'}, DEC ${dec ?? 'none'}`);
	}
	const startText = header.string('OB-START') ?? header.string('DATE-OBS');
	const startUs = parseFitsDate(startText);
	if (startUs === undefined) throw new ApiError(422, `the header needs DATE-OBS (or OB-START) as a UTC date and time; found ${JSON.stringify(startText ?? null)}`);
	const start = startUs / 1000;
	const countKey = header.number('NIMAGES') !== undefined ? 'NIMAGES' : 'STACKCNT';
	const aligned = headerCount(header.number(countKey), countKey, 1) ?? 1;
	// A CrowdSky header (NIMAGES) gives the total in EXPTIME; the Seestar writes one sub's EXPTIME and the count in STACKCNT.
	const exptime = header.number('EXPTIME') ?? header.number('EXPOSURE');
	const exposure = exptime === undefined ? null : header.has('NIMAGES') || planes.layout === 'crowdsky' ? exptime : exptime * aligned;
	const endUs = parseFitsDate(header.string('OB-END') ?? header.string('DATE-END'));
	const end = endUs !== undefined && endUs / 1000 >= start ? endUs / 1000 : start + (exposure ?? 0) * 1000;
	return {
		object: meta.object ?? (header.string('OBJECT') || null),
		ra,
		dec,
		start: new Date(start),
		end: new Date(end),
		exposure,
		aligned,
		input: headerCount(header.number('OBSTOTAL'), 'OBSTOTAL', aligned) ?? aligned,
		telescope: header.string('TELESCOP')?.slice(0, 64) || null,
		filter: header.string('FILTER')?.slice(0, 32) || null
	};
}

/**
 * A frame count from the header: undefined when it is no count at least `min` (the caller's
 * default applies); a 400 naming the keyword when it is beyond what the INT UNSIGNED columns hold.
 */
function headerCount(value: number | undefined, key: string, min: number): number | undefined {
	if (value === undefined || !Number.isInteger(value) || value < min) return undefined;
	return wholeNumber(value, key, min, INT_UNSIGNED_MAX);
}
