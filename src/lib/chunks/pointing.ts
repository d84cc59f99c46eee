import type { FitsHeader } from '../fits/header';
import { show } from '../fits/show';

export type Pointing = { ra: number; dec: number } | { reason: string };

const DEG = Math.PI / 180;
// "12 52 17.0", "+41:07:12", "-00 30 00.5": sign, then three fields separated by spaces or colons.
const SEXAGESIMAL = /^([+-]?)(\d{1,3})(?:\s+|:)(\d{1,2})(?:\s+|:)(\d{1,2}(?:\.\d*)?)$/;

/**
 * The frame's pointing in degrees, from the first pair present of: RA/DEC (numbers in degrees, or
 * sexagesimal strings: RA in hours), OBJCTRA/OBJCTDEC (sexagesimal, RA in hours), CRVAL1/CRVAL2
 * (a plate solution in RA/Dec, only when CTYPE1 says so or is absent). The Seestar writes RA/DEC
 * as the commanded target; a bad value in the pair found is refused rather than skipped.
 */
export function readPointing(header: FitsHeader): Pointing {
	if (header.has('RA') && header.has('DEC')) return pair(header, 'RA', 'DEC');
	if (header.has('OBJCTRA') && header.has('OBJCTDEC')) return pair(header, 'OBJCTRA', 'OBJCTDEC');
	const ctype = header.string('CTYPE1');
	if (header.has('CRVAL1') && header.has('CRVAL2') && (ctype === undefined || ctype.startsWith('RA'))) {
		return pair(header, 'CRVAL1', 'CRVAL2');
	}
	return { reason: 'no RA/DEC: the header has no RA/DEC, OBJCTRA/OBJCTDEC or CRVAL1/CRVAL2 (with CTYPE1 RA---...)' };
}

function pair(header: FitsHeader, raKey: string, decKey: string): Pointing {
	const ra = angle(header.get(raKey), 15);
	const dec = angle(header.get(decKey), 1);
	if (ra === undefined || !(ra >= 0 && ra <= 360)) {
		const value = show(header.get(raKey));
		return { reason: `${raKey} = ${value} is not a right ascension: expected degrees 0-360 or "HH MM SS.s"` };
	}
	if (dec === undefined || !(dec >= -90 && dec <= 90)) {
		const value = show(header.get(decKey));
		return { reason: `${decKey} = ${value} is not a declination: expected degrees -90 to 90 or "+DD MM SS.s"` };
	}
	return { ra: ra === 360 ? 0 : ra, dec };
}

/** A number is taken as degrees; a sexagesimal string is scaled by `unit` (15 for hours of RA). */
function angle(value: unknown, unit: number): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const m = SEXAGESIMAL.exec(value.trim());
	if (!m) return undefined;
	const [whole, minutes, seconds] = [m[2], m[3], m[4]].map(Number);
	if (minutes >= 60 || seconds >= 60) return undefined;
	const magnitude = (whole + minutes / 60 + seconds / 3600) * unit;
	return m[1] === '-' ? -magnitude : magnitude;
}

/** Angle between two sky positions, degrees (haversine: accurate for the small angles compared here). */
export function separationDeg(ra1: number, dec1: number, ra2: number, dec2: number): number {
	const sinDdec = Math.sin(((dec2 - dec1) * DEG) / 2);
	const sinDra = Math.sin(((ra2 - ra1) * DEG) / 2);
	const h = sinDdec * sinDdec + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * sinDra * sinDra;
	return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / DEG;
}
