import type { FitsHeader } from '../fits/header';
import { show } from '../fits/show';
import { healpixRing, HEALPIX_NSIDE } from './healpix';
import { readPointing } from './pointing';
import type { FrameCheck } from './types';
import { parseUtcDate } from './utc-date';

// Names FITS uses for UTC (TIMESYS defaults to UTC when absent).
const UTC_TIMESYS = new Set(['UTC', 'UT', 'GMT']);

/**
 * The upload's view of one frame, or why it cannot join a chunk. The time comes only from
 * DATE-OBS (the file name carries the telescope's local time); nothing is guessed.
 */
export function frameInfoFromHeader(header: FitsHeader, name: string, size: number): FrameCheck {
	const refuse = (reason: string): FrameCheck => ({ ok: false, reason });
	const timesys = header.string('TIMESYS');
	if (timesys !== undefined && !UTC_TIMESYS.has(timesys.toUpperCase())) {
		return refuse(`TIMESYS = '${timesys}': only UTC dates are supported`);
	}
	const dateValue = header.get('DATE-OBS');
	if (dateValue === undefined || dateValue === null) {
		return refuse('no DATE-OBS: the header does not say when the frame was taken');
	}
	if (typeof dateValue !== 'string') {
		return refuse(`DATE-OBS = ${show(dateValue)} is not a valid UTC date: expected a string 'YYYY-MM-DDThh:mm:ss'`);
	}
	const date = parseUtcDate(dateValue);
	if ('reason' in date) return refuse(date.reason);

	const exposureKey = header.has('EXPTIME') ? 'EXPTIME' : header.has('EXPOSURE') ? 'EXPOSURE' : undefined;
	if (exposureKey === undefined) return refuse('no EXPTIME or EXPOSURE: the exposure time is unknown');
	const exptime = header.get(exposureKey);
	if (typeof exptime !== 'number' || !Number.isFinite(exptime) || exptime <= 0) {
		return refuse(`${exposureKey} = ${show(exptime)} is not an exposure time: expected a positive number of seconds`);
	}

	const pointing = readPointing(header);
	if ('reason' in pointing) return refuse(pointing.reason);

	return {
		ok: true,
		frame: {
			name,
			size,
			dateObs: date.ms,
			exptime,
			ra: pointing.ra,
			dec: pointing.dec,
			object: text(header, 'OBJECT'),
			telescope: text(header, 'TELESCOP'),
			filter: text(header, 'FILTER'),
			instrument: text(header, 'INSTRUME'),
			healpix: healpixRing(HEALPIX_NSIDE, pointing.ra, pointing.dec)
		}
	};
}

/** A string keyword trimmed, or null when absent, blank or not a string. */
function text(header: FitsHeader, key: string): string | null {
	const value = header.string(key);
	return value ? value : null;
}
