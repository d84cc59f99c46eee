import { FitsError } from './errors';
import type { CardValue } from './card-value';
import { CARD_BYTES, type Card } from './header';

const FIXED_KEY = /^[A-Z0-9_-]{1,8}$/;
/** Longer keys, or keys of several words, are written with the HIERARCH convention. */
const HIERARCH_KEY = /^[A-Z0-9_-]+( [A-Z0-9_-]+)*$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
/** Keys that would change how the header itself is read. */
const FORBIDDEN = new Set(['END', 'CONTINUE', 'HIERARCH']);
const COMMENTARY_TEXT = CARD_BYTES - 8;
/** Fixed-format values end in column 30 (FITS 4.2). */
const FIXED_WIDTH = 20;
/** Columns 11-80 minus the two quotes (long-string CONTINUE cards are not written). */
const MAX_STRING = 68;

/**
 * One card as 80-character lines (COMMENT/HISTORY text longer than a card wraps onto more cards).
 * Comments that do not fit are cut: they carry no data. Values that do not fit are refused.
 */
export function formatCard(card: Card): string[] {
	const { key, value, comment } = card;
	if (COMMENTARY.has(key)) return formatCommentary(card);
	if (FORBIDDEN.has(key)) throw new FitsError('BAD_CARD', `keyword "${key}" cannot be written as a card`);
	let line: string;
	if (FIXED_KEY.test(key)) line = `${key.padEnd(8)}= ${fixedFormat(formatValue(key, value), value)}`;
	else if (HIERARCH_KEY.test(key)) line = `HIERARCH ${key} = ${formatValue(key, value)}`;
	else {
		throw new FitsError(
			'BAD_CARD',
			`keyword "${key}" is not valid; keywords are 1-8 characters of A-Z, 0-9, '_' and '-' ` +
				'(longer ones are written as HIERARCH: such words separated by single spaces)'
		);
	}
	if (line.length > CARD_BYTES) {
		throw new FitsError('BAD_CARD', `card ${key} does not fit in 80 characters: "${line}"; shorten the key or value`);
	}
	if (comment === undefined || comment === '') return [line.padEnd(CARD_BYTES)];
	checkAscii(comment, `the comment of card ${key}`);
	return [`${line} / ${comment}`.slice(0, CARD_BYTES).padEnd(CARD_BYTES)];
}

function formatCommentary({ key, value, comment }: Card): string[] {
	if (value !== null) {
		throw new FitsError('BAD_CARD', `${key || 'a blank-key'} card holds text in "comment", not a value (got ${String(value)})`);
	}
	const text = (comment ?? '').trimEnd();
	checkAscii(text, `${key || 'blank-key'} text`);
	const lines: string[] = [];
	for (let at = 0; at === 0 || at < text.length; at += COMMENTARY_TEXT) {
		lines.push((key.padEnd(8) + text.slice(at, at + COMMENTARY_TEXT)).padEnd(CARD_BYTES));
	}
	return lines;
}

/** Strings left-justified from column 11, others right-justified to column 30 (longer reals run on). */
function fixedFormat(text: string, value: CardValue): string {
	return typeof value === 'string' ? text.padEnd(FIXED_WIDTH) : text.padStart(FIXED_WIDTH);
}

function formatValue(key: string, value: CardValue): string {
	if (value === null) return '';
	if (typeof value === 'boolean') return value ? 'T' : 'F';
	if (typeof value === 'number') return formatNumber(key, value);
	if (typeof value === 'string') {
		checkAscii(value, `the value of card ${key}`);
		// Quotes are doubled; the quoted text is at least 8 characters (FITS 4.2.1.1).
		const quoted = value.replace(/'/g, "''");
		if (quoted.length > MAX_STRING) {
			throw new FitsError(
				'BAD_CARD',
				`card ${key} has a ${quoted.length}-character string (quotes doubled); at most ${MAX_STRING} fit on a card`
			);
		}
		return `'${quoted.padEnd(8)}'`;
	}
	throw new FitsError('BAD_CARD', `card ${key} has a ${typeof value} value; supported: string, number, boolean, null`);
}

/**
 * Integers as integers; other numbers as JS's shortest round-trip form, with a '.' in the
 * mantissa so readers see a real and 'E' for the exponent: Number(text) === value exactly.
 */
export function formatNumber(key: string, value: number): string {
	if (!Number.isFinite(value)) {
		throw new FitsError('BAD_CARD', `card ${key} has value ${value}; FITS header numbers must be finite (no NaN or Infinity)`);
	}
	if (Object.is(value, -0)) return '-0.0';
	if (Number.isSafeInteger(value)) return String(value);
	const [mantissa, exponent] = String(value).split('e');
	const real = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
	return exponent === undefined ? real : `${real}E${exponent}`;
}

function checkAscii(text: string, what: string): void {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code > 0x7e) {
			const hex = code.toString(16).toUpperCase().padStart(4, '0');
			throw new FitsError(
				'BAD_CARD',
				`${what} holds character U+${hex} at position ${i}; FITS headers allow only printable ASCII (0x20-0x7E)`
			);
		}
	}
}
