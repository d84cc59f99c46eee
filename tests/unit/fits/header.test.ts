import { describe, expect, it } from 'vitest';
import { FitsHeader, MAX_HEADER_BLOCKS, parseHeader } from '$lib/fits';
import { fitsErrorOf, fixed, handMadeFits } from './helpers';

const SIMPLE = fixed('SIMPLE', 'T');

function parse(...cards: string[]): FitsHeader {
	return parseHeader(handMadeFits([SIMPLE, ...cards])).header;
}

describe('parseHeader values', () => {
	it('reads strings with doubled quotes, keeps leading and drops trailing spaces', () => {
		const h = parse(
			"OBJECT  = 'M 94    '           / name of object",
			"NOTE    = 'it''s ''quoted'''",
			"LEAD    = '  x  '",
			"EMPTY   = ''",
			"SLASH   = 'a/b' / comment with / slash"
		);
		expect(h.get('OBJECT')).toBe('M 94');
		expect(h.cards[1].comment).toBe('name of object');
		expect(h.get('NOTE')).toBe("it's 'quoted'");
		expect(h.get('LEAD')).toBe('  x');
		expect(h.string('LEAD')).toBe('x');
		expect(h.get('EMPTY')).toBe('');
		expect(h.get('SLASH')).toBe('a/b');
		expect(h.cards[5].comment).toBe('comment with / slash');
	});

	it('reads logicals, integers, reals with E and D exponents, and undefined values', () => {
		const h = parse(
			fixed('YES', 'T'),
			fixed('NO', 'F'),
			fixed('INT', -42),
			fixed('BIG', '+1234567890123'),
			fixed('REAL', '5.'),
			fixed('SMALL', '-1.5E-03'),
			fixed('DOUBLE', '2.5D+02'),
			fixed('LOWERD', '.5d1'),
			'UNDEF   =                      / no value'
		);
		expect(h.get('YES')).toBe(true);
		expect(h.get('NO')).toBe(false);
		expect(h.get('INT')).toBe(-42);
		expect(h.get('BIG')).toBe(1234567890123);
		expect(h.get('REAL')).toBe(5);
		expect(h.get('SMALL')).toBe(-0.0015);
		expect(h.get('DOUBLE')).toBe(250);
		expect(h.get('LOWERD')).toBe(5);
		expect(h.get('UNDEF')).toBeNull();
		expect(h.has('UNDEF')).toBe(true);
		expect(h.cards.at(-1)?.comment).toBe('no value');
	});

	it('keeps COMMENT, HISTORY and blank cards in order with value null', () => {
		const h = parse('COMMENT   first note', fixed('A', 1), 'HISTORY did something', '        blank-key text', 'COMMENT second');
		expect(h.cards.map((c) => [c.key, c.value, c.comment])).toEqual([
			['SIMPLE', true, undefined],
			['COMMENT', null, '  first note'],
			['A', 1, undefined],
			['HISTORY', null, 'did something'],
			['', null, 'blank-key text'],
			['COMMENT', null, 'second']
		]);
		expect(h.get('COMMENT')).toBeNull();
	});

	it('treats COMMENT and HISTORY as text even when column 9 holds "="', () => {
		const h = parse('COMMENT = not a value, just text', 'HISTORY = x = y');
		expect(h.cards.slice(1).map((c) => [c.key, c.value, c.comment])).toEqual([
			['COMMENT', null, '= not a value, just text'],
			['HISTORY', null, '= x = y']
		]);
	});

	it('reads HIERARCH keys as the words after HIERARCH', () => {
		const h = parse('HIERARCH ESO DET CHIP1 ID = 42 / chip', "HIERARCH  ASTAP_SOLVED = 'yes'");
		expect(h.get('ESO DET CHIP1 ID')).toBe(42);
		expect(h.cards[1].comment).toBe('chip');
		expect(h.get('astap_solved')).toBe('yes');
	});

	it('joins CONTINUE long strings', () => {
		const h = parse("LONG    = 'first part &'", "CONTINUE  'second part&'", "CONTINUE  'end' / the end", fixed('NEXT', 1));
		expect(h.get('LONG')).toBe('first part second partend');
		expect(h.cards.map((c) => c.key)).toEqual(['SIMPLE', 'LONG', 'NEXT']);
	});

	it('get/number/string/has are case-insensitive, first card wins, and typed', () => {
		const h = parse(fixed('EXPTIME', '10.'), fixed('EXPTIME', 20), "NAME    = ' ab '");
		expect(h.get('exptime')).toBe(10);
		expect(h.number('ExpTime')).toBe(10);
		expect(h.string('EXPTIME')).toBeUndefined();
		expect(h.number('NAME')).toBeUndefined();
		expect(h.string('name')).toBe('ab');
		expect(h.has('missing')).toBe(false);
		expect(h.get('missing')).toBeUndefined();
	});

	it('returns end = offset just after the END block', () => {
		const cards = Array.from({ length: 40 }, (_, i) => fixed(`K${i}`, i));
		const bytes = handMadeFits([SIMPLE, ...cards], new Uint8Array(10));
		expect(parseHeader(bytes).end).toBe(5760);
		expect(parseHeader(handMadeFits([SIMPLE])).end).toBe(2880);
	});
});

describe('parseHeader refusals', () => {
	it('refuses unparseable values and unterminated strings, naming the card', () => {
		expect(fitsErrorOf(() => parse(fixed('BAD', 'abc')), 'BAD_CARD')).toMatch(/card 2 \(BAD\).*"abc".*string.*logical.*integer.*real/);
		expect(fitsErrorOf(() => parse("STR     = 'never closed"), 'BAD_CARD')).toMatch(/STR.*no closing quote/);
	});

	it('refuses a header with no END within the size cap, without reading past the buffer', () => {
		const block = Array.from({ length: 36 }, (_, i) => fixed(`K${i}`, i));
		const cards = [SIMPLE, ...Array.from({ length: MAX_HEADER_BLOCKS + 1 }, () => block).flat()];
		const bytes = handMadeFits(cards, undefined, { end: false });
		expect(fitsErrorOf(() => parseHeader(bytes), 'HEADER_TOO_LARGE')).toMatch(/no END card in its first 500 blocks/);
	});

	it('needs the first card of an extension to be XTENSION', () => {
		const bytes = handMadeFits([SIMPLE, fixed('BITPIX', 8), fixed('NAXIS', 0)]);
		const twice = new Uint8Array([...bytes, ...bytes]);
		expect(fitsErrorOf(() => parseHeader(twice, 2880), 'NOT_FITS')).toMatch(/extension header at byte 2880.*XTENSION=/);
	});
});
