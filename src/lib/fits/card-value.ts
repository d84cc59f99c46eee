import { FitsError } from './errors';

/** A header card's value as read: FITS strings, integers and reals, logicals, or no value. */
export type CardValue = string | number | boolean | null;

const INTEGER = /^[+-]?\d+$/;
// FITS reals may use D for double-precision exponents (1.5D+03); JS only knows E.
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/;
// Complex values "(re, im)" are rare; CardValue has no complex type, so they stay as their text.
const COMPLEX = /^\(.*\)$/;

export interface ParsedValue {
	value: CardValue;
	comment?: string;
}

/**
 * Parses the value field of a card (from column 11, or after '=' on a HIERARCH card):
 * a quoted string, T/F, an integer, a real, or nothing (an undefined value), then an optional
 * "/ comment". `where` names the card in error messages.
 */
export function parseValueField(field: string, where: string): ParsedValue {
	let start = 0;
	while (field[start] === ' ') start++;
	if (field[start] === "'") return parseQuoted(field, start, where);
	const slash = field.indexOf('/', start);
	const text = (slash < 0 ? field.slice(start) : field.slice(start, slash)).trim();
	return { value: parseScalar(text, where), comment: commentAfter(field, slash) };
}

function parseScalar(text: string, where: string): CardValue {
	if (text === '') return null;
	if (text === 'T') return true;
	if (text === 'F') return false;
	if (INTEGER.test(text)) return Number(text);
	if (REAL.test(text)) return Number(text.replace(/[Dd]/, 'E'));
	if (COMPLEX.test(text)) return text;
	throw new FitsError(
		'BAD_CARD',
		`${where}: value "${text}" is not a FITS string ('...'), logical (T or F), integer or real number`
	);
}

/** A quoted string: '' inside stands for one quote; trailing spaces are not significant (FITS 4.2.1). */
function parseQuoted(field: string, open: number, where: string): ParsedValue {
	let text = '';
	let i = open + 1;
	for (;;) {
		if (i >= field.length) {
			throw new FitsError('BAD_CARD', `${where}: string value "${field.slice(open)}" has no closing quote`);
		}
		if (field[i] === "'") {
			if (field[i + 1] !== "'") break;
			text += "'";
			i += 2;
		} else {
			text += field[i];
			i += 1;
		}
	}
	return { value: text.trimEnd(), comment: commentAfter(field, field.indexOf('/', i + 1)) };
}

function commentAfter(field: string, slash: number): string | undefined {
	if (slash < 0) return undefined;
	const comment = field.slice(slash + 1).trim();
	return comment === '' ? undefined : comment;
}
