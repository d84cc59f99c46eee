import { formatCard } from './card-format';
import { parseHeader } from './header';

/**
 * Keywords that give away where the observer lives or who they are: the site's position and name,
 * the observer's name, in every spelling we know.
 */
const LOCATION_KEYS = new Set([
	'OBSERVER',
	'OBSERVAT',
	'AUTHOR',
	'SITENAME',
	'SITE',
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
/** Words of HIERARCH keys (e.g. "ESO TEL GEOLAT", "SITE LATITUDE") that name a site or an observer. */
const LOCATION_WORD = /^(SITE|LAT|LONG?|ELEV|GEOLAT|GEOLON|GEOELEV|OBSGEO|OBSERVER|OBSERVAT)[\w-]*$/;

const BLANK_CARD = ' '.repeat(80);

export interface ScrubOptions {
	/**
	 * The TELESCOP value to write in place of the real one (a telescope's serial links its
	 * observer's files): called with the real value. Without it TELESCOP is kept.
	 */
	telescope?: (real: string) => string;
}

/**
 * Blanks the cards that place or name the observer (SITELAT, SITELONG, SITEELEV, SITENAME,
 * OBSERVER, OBSGEO-*, HIERARCH site positions) in the primary header at the start of `head`, in
 * place: each becomes a blank card, so the file keeps its length and stays valid FITS; TELESCOP is
 * replaced by `options.telescope`'s pseudonym. `head` must hold the whole primary header.
 * Returns the keys blanked and where the header ends.
 */
export function scrubLocation(head: Uint8Array, options: ScrubOptions = {}): { removed: string[]; headerEnd: number } {
	const { header, end } = parseHeader(head, 0);
	const removed: string[] = [];
	const real = header.string('TELESCOP');
	for (let at = 0; at < end; at += 80) {
		const key = cardKey(head, at);
		if (key === 'END') break;
		if (isLocationKey(key)) {
			writeCard(head, at, BLANK_CARD);
			removed.push(key);
		}
		if (key === 'TELESCOP' && options.telescope && real !== undefined) {
			// A short string value always formats as one card, so the length stays.
			const [card] = formatCard({ key, value: options.telescope(real), comment: 'pseudonym of the telescope' });
			writeCard(head, at, card);
		}
	}
	return { removed, headerEnd: end };
}

function writeCard(head: Uint8Array, at: number, card: string): void {
	for (let i = 0; i < 80; i++) head[at + i] = card.charCodeAt(i);
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
