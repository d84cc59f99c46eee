import { parseHeader } from './header';

/** Keywords that give away where the observer lives: the site's position, in every spelling we know. */
const LOCATION_KEYS = new Set([
	'SITELAT',
	'SITELONG',
	'SITEELEV',
	'LATITUDE',
	'LONGITUD',
	'OBSGEO-B',
	'OBSGEO-L',
	'OBSGEO-H',
	'OBSGEO-X',
	'OBSGEO-Y',
	'OBSGEO-Z'
]);
/** Words of HIERARCH keys (e.g. "ESO TEL GEOLAT", "SITE LATITUDE") that name a site position. */
const LOCATION_WORD = /^(SITE|LAT|LONG?|ELEV|GEOLAT|GEOLON|GEOELEV|OBSGEO)[\w-]*$/;

const BLANK_CARD = ' '.repeat(80);

/**
 * Blanks the observer's location cards (SITELAT, SITELONG, SITEELEV, OBSGEO-*, HIERARCH site
 * positions) in the primary header at the start of `head`, in place: each becomes a blank card, so
 * the file keeps its length and stays valid FITS. `head` must hold the whole primary header.
 * Returns the keys blanked and where the header ends.
 */
export function scrubLocation(head: Uint8Array): { removed: string[]; headerEnd: number } {
	const { end } = parseHeader(head, 0);
	const removed: string[] = [];
	for (let at = 0; at < end; at += 80) {
		const key = cardKey(head, at);
		if (key === 'END') break;
		if (isLocationKey(key)) {
			for (let i = 0; i < 80; i++) head[at + i] = BLANK_CARD.charCodeAt(i);
			removed.push(key);
		}
	}
	return { removed, headerEnd: end };
}

function isLocationKey(key: string): boolean {
	if (LOCATION_KEYS.has(key)) return true;
	return key.startsWith('HIERARCH ') && key.slice(9).split(' ').some((word) => LOCATION_WORD.test(word));
}

/** The card's keyword; for HIERARCH cards "HIERARCH <long key>". */
function cardKey(bytes: Uint8Array, at: number): string {
	const text = String.fromCharCode(...bytes.subarray(at, at + 80));
	const key = text.slice(0, 8).trimEnd();
	if (key !== 'HIERARCH') return key;
	const equals = text.indexOf('=', 8);
	return `HIERARCH ${(equals > 0 ? text.slice(8, equals) : text.slice(8)).trim().split(/ +/).join(' ').toUpperCase()}`;
}
