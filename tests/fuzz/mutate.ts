/**
 * A seeded mutator of FITS files for the fuzz tests: the same seed gives the same cases, so a
 * failure is reproduced from the seed and case number it prints. Mutations are what broken
 * cameras, cut downloads and hostile uploads produce: truncations, flipped bytes and bits, absurd
 * structural values, missing or repeated cards, huge headers, non-ASCII bytes, extension chains.
 */
import { concatBytes } from '../../src/lib/util/bytes';
import { Rng } from '../synthetic/rng';

export const BLOCK = 2880;
export const CARD = 80;

/** Picks mutations from the generator's seeded stream: deterministic for a seed. */
export function rng(seed: number): Random {
	const source = new Rng(seed);
	const next = () => source.next();
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
	return { next, int, pick };
}

export interface Random {
	/** [0, 1) */
	next(): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
}

/** A FITS file split into its primary header's cards (without END) and everything after the header. */
export interface Frame {
	cards: string[];
	/** Bytes after the primary header's last block: the data (and anything following). */
	rest: Uint8Array;
}

/** Splits a well-formed file; throws if the file has no END card (only real frames are split). */
export function splitFrame(bytes: Uint8Array): Frame {
	const cards: string[] = [];
	for (let at = 0; at + CARD <= bytes.length; at += CARD) {
		const text = ascii(bytes.subarray(at, at + CARD));
		if (text.startsWith('END     ')) {
			const end = Math.ceil((at + CARD) / BLOCK) * BLOCK;
			return { cards, rest: bytes.subarray(end) };
		}
		cards.push(text);
	}
	throw new Error('splitFrame: no END card');
}

/** Cards + END padded to whole blocks, then `rest`; `end: false` leaves the END card out. */
export function joinFrame({ cards, rest }: Frame, { end = true } = {}): Uint8Array {
	const lines = end ? [...cards, 'END'.padEnd(CARD)] : cards;
	const headerBytes = Math.ceil((lines.length * CARD) / BLOCK) * BLOCK;
	const out = new Uint8Array(headerBytes + rest.length);
	out.fill(0x20, 0, headerBytes);
	for (const [i, line] of lines.entries()) out.set(encodeCard(line), i * CARD);
	out.set(rest, headerBytes);
	return out;
}

/** "KEY     = value" as one 80-character card (value text as written in the file). */
export function card(key: string, value: string): string {
	return `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(CARD).slice(0, CARD);
}

function encodeCard(line: string): Uint8Array {
	const out = new Uint8Array(CARD).fill(0x20);
	for (let i = 0; i < Math.min(line.length, CARD); i++) out[i] = line.charCodeAt(i) & 0xff;
	return out;
}

function ascii(bytes: Uint8Array): string {
	return String.fromCharCode(...bytes);
}

const keyOf = (line: string) => line.slice(0, 8).trimEnd();

/** Replaces the value of every card with this key, or appends the card when there is none. */
export function setCard(frame: Frame, key: string, value: string): Frame {
	const found = frame.cards.some((line) => keyOf(line) === key);
	const cards = found
		? frame.cards.map((line) => (keyOf(line) === key ? card(key, value) : line))
		: [...frame.cards, card(key, value)];
	return { ...frame, cards };
}

/** Values no structural keyword may hold, and some that only look plausible. */
export const ABSURD_VALUES = [
	'0', '-1', '-16', '1', '3', '7', '2147483647', '2147483648', '-2147483648', '4294967296',
	'4294967297', '9007199254740993', '99999999999999999999999999', '1E400', '-1E400', '1.5',
	'1D10', '-0', '+16', 'NaN', 'nan', 'Infinity', '-Infinity', 'T', 'F', "'16'", "'NaN'", "''",
	'(1, 2)', '0x10', '1e', '--1', ''
] as const;

export const STRUCTURAL_KEYS = ['BITPIX', 'NAXIS', 'NAXIS1', 'NAXIS2', 'NAXIS3', 'BZERO', 'BSCALE', 'PCOUNT', 'GCOUNT'] as const;
const MANDATORY_KEYS = ['SIMPLE', 'BITPIX', 'NAXIS', 'NAXIS1', 'NAXIS2'] as const;
const CHUNK_KEYS = ['DATE-OBS', 'EXPTIME', 'EXPOSURE', 'RA', 'DEC', 'TIMESYS', 'OBJECT', 'TELESCOP'] as const;
const GARBAGE_STRINGS = [
	"'RGGBX'", "'RG'", "''", "'grbg'", "' GRBG '", '16', 'T', "'BOTTOM-UP2'", "'bottom-up'", "'UP'",
	"'2025-13-45T99:99:99'", "'yesterday'", "'2025-03-27'", "'TAI'", "'x''y'", "'unterminated", '1E999'
] as const;

/** What one mutation did, for the failure message, and what kind of damage it is. */
export interface Mutation {
	name: string;
	/** Only bytes of the image data changed: every reader must still accept the file. */
	dataOnly: boolean;
	/** The file is cut inside its primary header (before the header's last block ends). */
	cutInHeader: boolean;
	/** The file is cut inside the primary image's data. */
	cutInData: boolean;
}

export interface Mutated {
	bytes: Uint8Array;
	mutations: Mutation[];
}

type Mutator = (bytes: Uint8Array, r: Random) => { bytes: Uint8Array; mutation: Mutation };

const plain = (name: string): Mutation => ({ name, dataOnly: false, cutInHeader: false, cutInData: false });

/** Header length of a well-formed file (offset of its data). */
function headerLength(bytes: Uint8Array): number {
	return bytes.length - splitFrame(bytes).rest.length;
}

const truncate: Mutator = (bytes, r) => {
	const header = headerLength(bytes);
	const where = r.pick(['header', 'block', 'data'] as const);
	const at =
		where === 'header'
			? r.int(0, header - 1)
			: where === 'block'
				? r.int(0, Math.floor(bytes.length / BLOCK) - 1) * BLOCK
				: r.int(header + 1, bytes.length - 1);
	return {
		bytes: bytes.slice(0, at),
		mutation: { name: `truncate at ${at} (${where})`, dataOnly: false, cutInHeader: at < header, cutInData: at >= header }
	};
};

const flipHeaderBytes: Mutator = (bytes, r) => {
	const header = headerLength(bytes);
	const out = bytes.slice();
	const n = r.int(1, 8);
	const spots: string[] = [];
	for (let i = 0; i < n; i++) {
		const at = r.int(0, header - 1);
		if (r.next() < 0.5) out[at] ^= 1 << r.int(0, 7);
		else out[at] = r.int(0, 255);
		spots.push(String(at));
	}
	return { bytes: out, mutation: plain(`flip header bytes at ${spots.join(',')}`) };
};

const flipDataBytes: Mutator = (bytes, r) => {
	const header = headerLength(bytes);
	const out = bytes.slice();
	const n = r.int(1, 64);
	for (let i = 0; i < n; i++) out[r.int(header, bytes.length - 1)] ^= 1 << r.int(0, 7);
	return { bytes: out, mutation: { ...plain(`flip ${n} data bits`), dataOnly: true } };
};

const absurdStructural: Mutator = (bytes, r) => {
	const key = r.pick(STRUCTURAL_KEYS);
	const value = r.pick(ABSURD_VALUES);
	return { bytes: joinFrame(setCard(splitFrame(bytes), key, value)), mutation: plain(`${key} = ${value}`) };
};

const missingEnd: Mutator = (bytes) => ({
	bytes: joinFrame(splitFrame(bytes), { end: false }),
	mutation: plain('no END card')
});

const duplicateMandatory: Mutator = (bytes, r) => {
	const frame = splitFrame(bytes);
	const key = r.pick(MANDATORY_KEYS);
	const value = r.next() < 0.5 ? r.pick(ABSURD_VALUES) : (frame.cards.find((c) => keyOf(c) === key)?.slice(10) ?? 'T');
	const cards = [...frame.cards];
	cards.splice(r.int(0, cards.length), 0, card(key, value.trim()));
	return { bytes: joinFrame({ ...frame, cards }), mutation: plain(`duplicate ${key} = ${value.trim()}`) };
};

const removeMandatory: Mutator = (bytes, r) => {
	const frame = splitFrame(bytes);
	const key = r.pick(MANDATORY_KEYS);
	return {
		bytes: joinFrame({ ...frame, cards: frame.cards.filter((c) => keyOf(c) !== key) }),
		mutation: plain(`remove ${key}`)
	};
};

const FILLER_CARD = 'COMMENT a header far longer than any camera writes'.padEnd(CARD);

const hugeHeader: Mutator = (bytes, r) => {
	const frame = splitFrame(bytes);
	const blocks = r.pick([499, 500, 501, 2000]);
	const filler = Array.from({ length: blocks * (BLOCK / CARD) }, () => FILLER_CARD);
	const end = r.next() < 0.5;
	return {
		bytes: joinFrame({ ...frame, cards: [...frame.cards, ...filler] }, { end }),
		mutation: plain(`huge header: ${blocks} blocks of comments${end ? '' : ', no END'}`)
	};
};

const nonAscii: Mutator = (bytes, r) => {
	const header = headerLength(bytes);
	const out = bytes.slice();
	const at = r.int(0, header - 1);
	const byte = r.pick([0x00, 0x09, 0x0a, 0x0d, 0x7f, 0x80, 0xc3, 0xe9, 0xff]);
	out[at] = byte;
	return { bytes: out, mutation: plain(`byte 0x${byte.toString(16)} at ${at}`) };
};

/** Extension headers after the primary data, claiming sizes from none to far beyond the file. */
const extensionChain: Mutator = (bytes, r) => {
	const count = r.pick([1, 2, 5, 50]);
	const naxis = () => r.pick(['0', '1', '2', '65536', '2147483647', '4294967296', '-5', 'NaN']);
	const parts: Uint8Array[] = [bytes];
	for (let i = 0; i < count; i++) {
		const cards = [
			card('XTENSION', r.pick(["'IMAGE   '", "'BINTABLE'", "'TABLE   '", '1', "'FOO'"])),
			card('BITPIX', r.pick(['8', '16', '-32', '64', '12'])),
			card('NAXIS', r.pick(['0', '2', '3'])),
			card('NAXIS1', naxis()),
			card('NAXIS2', naxis()),
			card('NAXIS3', naxis()),
			card('PCOUNT', r.pick(['0', '0', '2147483648', '-1'])),
			card('GCOUNT', r.pick(['1', '1', '0', '99999999']))
		];
		parts.push(joinFrame({ cards, rest: new Uint8Array(r.pick([0, 0, BLOCK])) }));
	}
	const primaryEmpty = r.next() < 0.5;
	const first = primaryEmpty ? joinFrame(setCard(splitFrame(bytes), 'NAXIS', '0')) : bytes;
	parts[0] = first;
	return { bytes: concatBytes(parts), mutation: plain(`${count} extension(s)${primaryEmpty ? ', primary NAXIS = 0' : ''}`) };
};

const bayerGarbage: Mutator = (bytes, r) => {
	const key = r.pick(['BAYERPAT', 'ROWORDER', 'XBAYROFF', 'YBAYROFF'] as const);
	const value = r.pick([...GARBAGE_STRINGS, ...ABSURD_VALUES]);
	return { bytes: joinFrame(setCard(splitFrame(bytes), key, value)), mutation: plain(`${key} = ${value}`) };
};

const chunkGarbage: Mutator = (bytes, r) => {
	const frame = splitFrame(bytes);
	const key = r.pick(CHUNK_KEYS);
	if (r.next() < 0.3) {
		return { bytes: joinFrame({ ...frame, cards: frame.cards.filter((c) => keyOf(c) !== key) }), mutation: plain(`remove ${key}`) };
	}
	const value = r.pick([...GARBAGE_STRINGS, ...ABSURD_VALUES]);
	return { bytes: joinFrame(setCard(frame, key, value)), mutation: plain(`${key} = ${value}`) };
};

/** Mutators that keep the file well-formed enough for the next one to split it. */
const STRUCTURED: Mutator[] = [absurdStructural, duplicateMandatory, removeMandatory, bayerGarbage, chunkGarbage, extensionChain, flipDataBytes];
/** Mutators after which the file may not split any more: applied last. */
const FINAL: Mutator[] = [truncate, flipHeaderBytes, missingEnd, nonAscii, flipDataBytes];
/** Costly to build and to read (megabytes of header): a small share of the cases. */
const RARE_SHARE = 0.03;

/**
 * One case: one to three mutations of `original`. Structured mutations keep a primary header with
 * END, so another may follow; the last one may also be a final one (cut, raw byte damage, no END,
 * a huge header).
 */
export function mutate(original: Uint8Array, r: Random): Mutated {
	const mutations: Mutation[] = [];
	let bytes = original;
	const steps = r.pick([1, 1, 1, 2, 3]);
	for (let step = 0; step < steps; step++) {
		const from = step === steps - 1 ? [...STRUCTURED, ...FINAL] : STRUCTURED;
		const rare = step === steps - 1 && r.next() < RARE_SHARE;
		const result = (rare ? hugeHeader : r.pick(from))(bytes, r);
		bytes = result.bytes;
		mutations.push(result.mutation);
	}
	return { bytes, mutations };
}
