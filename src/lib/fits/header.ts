import { parseValueField, type CardValue } from './card-value';
import { FitsError } from './errors';
import { show } from './show';
import { describeStart } from './signatures';

export const BLOCK_BYTES = 2880;
export const CARD_BYTES = 80;
/** Headers longer than this (18,000 cards) are refused: no camera writes one, a corrupt file might. */
export const MAX_HEADER_BLOCKS = 500;
export const MAX_HEADER_BYTES = MAX_HEADER_BLOCKS * BLOCK_BYTES;

/** Cards whose columns 9-80 are free text even when column 9 holds '=' (FITS 4.4.2.4). */
const COMMENTARY_KEYS = new Set(['COMMENT', 'HISTORY', '']);

export type { CardValue };

export interface Card {
	key: string;
	value: CardValue;
	comment?: string;
}

export class FitsHeader {
	/** In file order; COMMENT, HISTORY and blank cards are kept with value null and their text as comment. */
	readonly cards: Card[];
	readonly #first = new Map<string, Card>();

	constructor(cards: Card[]) {
		this.cards = cards;
		for (const card of cards) {
			const key = card.key.toUpperCase();
			if (!this.#first.has(key)) this.#first.set(key, card);
		}
	}

	/** Value of the first card with this key (case-insensitive). */
	get(key: string): CardValue | undefined {
		return this.#first.get(key.toUpperCase())?.value;
	}

	number(key: string): number | undefined {
		const value = this.get(key);
		return typeof value === 'number' ? value : undefined;
	}

	string(key: string): string | undefined {
		const value = this.get(key);
		return typeof value === 'string' ? value.trim() : undefined;
	}

	has(key: string): boolean {
		return this.#first.has(key.toUpperCase());
	}
}

/**
 * Parses the header that starts at `offset`: the primary header when offset is 0 (its first card
 * must be SIMPLE = T), an extension header otherwise (first card XTENSION). Never reads past
 * `bytes`. `end` is the offset just after the 2880-byte block holding the END card.
 */
export function parseHeader(bytes: Uint8Array, offset = 0): { header: FitsHeader; end: number } {
	if (bytes.length === 0) {
		throw new FitsError('EMPTY', 'the file is empty (0 bytes); a FITS file starts with a 2880-byte header');
	}
	const primary = offset === 0;
	checkFirstCard(bytes, offset, primary);
	const cards: Card[] = [];
	for (let index = 0; ; index++) {
		const at = offset + index * CARD_BYTES;
		if (at >= offset + MAX_HEADER_BYTES) {
			throw new FitsError(
				'HEADER_TOO_LARGE',
				`the header at byte ${offset} has no END card in its first ${MAX_HEADER_BLOCKS} blocks ` +
					`(${MAX_HEADER_BYTES} bytes); larger headers are not supported`
			);
		}
		if (at + CARD_BYTES > bytes.length) {
			throw new FitsError(
				'HEADER_TRUNCATED',
				`the header at byte ${offset} has no END card: the bytes end at ${bytes.length} after ` +
					`${index} cards; the file is truncated or not FITS`
			);
		}
		const text = cardText(bytes, at, index + 1);
		if (text.slice(0, 8) === 'END     ') {
			const end = offset + Math.ceil(((index + 1) * CARD_BYTES) / BLOCK_BYTES) * BLOCK_BYTES;
			if (end > bytes.length) {
				throw new FitsError(
					'HEADER_TRUNCATED',
					`the header at byte ${offset} is cut at byte ${bytes.length}: its END card is in a block ` +
						`that should end at byte ${end} (headers fill whole 2880-byte blocks); the file is truncated`
				);
			}
			const header = new FitsHeader(cards);
			checkFirstValue(header, primary);
			return { header, end };
		}
		addCard(cards, text, index + 1);
	}
}

function checkFirstCard(bytes: Uint8Array, offset: number, primary: boolean): void {
	const expected = primary ? 'SIMPLE  =' : 'XTENSION=';
	for (let i = 0; i < expected.length; i++) {
		if (bytes[offset + i] === expected.charCodeAt(i)) continue;
		if (primary) {
			throw new FitsError(
				'NOT_FITS',
				`not a FITS file: ${describeStart(bytes)}; a FITS file starts with "SIMPLE  =                    T"`
			);
		}
		throw new FitsError(
			'NOT_FITS',
			`the extension header at byte ${offset} does not start with "XTENSION=" (${describeStart(bytes.subarray(offset))})`
		);
	}
}

function checkFirstValue(header: FitsHeader, primary: boolean): void {
	const first = header.cards[0];
	if (primary && first.value !== true) {
		throw new FitsError(
			'NOT_FITS',
			`SIMPLE = ${show(first.value)}: the file says it does not conform to the FITS standard; only SIMPLE = T is supported`
		);
	}
	if (!primary && typeof first.value !== 'string') {
		throw new FitsError('BAD_KEYWORD', `XTENSION = ${show(first.value)} is not a string such as 'IMAGE' or 'BINTABLE'`);
	}
}

/** The 80 characters of a card; refuses anything but printable ASCII (FITS 4.1.1). */
function cardText(bytes: Uint8Array, at: number, cardNumber: number): string {
	let text = '';
	for (let i = 0; i < CARD_BYTES; i++) {
		const byte = bytes[at + i];
		if (byte < 0x20 || byte > 0x7e) {
			const hex = byte.toString(16).toUpperCase().padStart(2, '0');
			const key = i >= 8 ? ` (${text.slice(0, 8).trimEnd() || 'blank key'})` : '';
			throw new FitsError(
				'BAD_CARD',
				`header card ${cardNumber}${key} holds byte 0x${hex} at file byte ${at + i}, which is not printable ASCII; ` +
					'FITS headers allow only characters 0x20-0x7E (if the data starts here, the header has no END card)'
			);
		}
		text += String.fromCharCode(byte);
	}
	return text;
}

function addCard(cards: Card[], text: string, cardNumber: number): void {
	const key = text.slice(0, 8).trimEnd();
	const where = `header card ${cardNumber} (${key || 'blank key'})`;
	const equals = text.indexOf('=', 8);
	if (key === 'HIERARCH' && equals > 0) {
		// ESO convention: "HIERARCH ESO DET X = value" is the key "ESO DET X".
		const longKey = text.slice(8, equals).trim().split(/ +/).join(' ');
		cards.push({ key: longKey, ...parseValueField(text.slice(equals + 1), where) });
		return;
	}
	if (text.slice(8, 10) === '= ' && !COMMENTARY_KEYS.has(key)) {
		cards.push({ key, ...parseValueField(text.slice(10), where) });
		return;
	}
	const previous = cards[cards.length - 1];
	if (key === 'CONTINUE' && typeof previous?.value === 'string' && previous.value.endsWith('&')) {
		// Long-string convention: a string ending in '&' continues in the next CONTINUE card.
		const part = parseValueField(text.slice(8), where);
		if (typeof part.value === 'string') {
			previous.value = previous.value.slice(0, -1) + part.value;
			if (part.comment) previous.comment = previous.comment ? `${previous.comment} ${part.comment}` : part.comment;
			return;
		}
	}
	cards.push({ key, value: null, comment: text.slice(8).trimEnd() });
}
