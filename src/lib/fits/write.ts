import { formatCard } from './card-format';
import { FitsError } from './errors';
import { CARD_BYTES, type Card } from './header';
import type { Bitpix } from './image';
import { paddedLength } from './size';

export type ColumnFormat = 'E' | 'D' | 'J' | 'I' | 'B' | 'K';

export interface ColumnSpec {
	name: string;
	format: ColumnFormat;
	unit?: string;
	data: ArrayLike<number>;
}

export type HduSpec =
	| { kind: 'primary'; cards: Card[] } // NAXIS = 0, EXTEND = T
	| {
			kind: 'primary-image' | 'image';
			name?: string;
			bitpix: Bitpix;
			width: number;
			height: number;
			/** NAXIS3 (e.g. 3 colour planes, one after the other in `data`); omitted: a 2-D image. */
			planes?: number;
			/** Physical values; integer BITPIX stores round((v - BZERO) / BSCALE). */
			data: ArrayLike<number>;
			bzero?: number;
			bscale?: number;
			cards: Card[];
	  }
	| { kind: 'bintable'; name: string; rows: number; columns: ColumnSpec[]; cards: Card[] };

/** How one value is stored big-endian: image BITPIX and table TFORM share these. */
interface Storage {
	bytes: number;
	label: string;
	fits(v: number): boolean;
	put(view: DataView, at: number, v: number): void;
}

const FLOAT32_MAX = 3.4028234663852886e38;
const integer = (min: number, max: number) => (v: number) => Number.isInteger(v) && v >= min && v <= max;

const STORAGE: Record<ColumnFormat, Storage> = {
	B: { bytes: 1, label: 'an unsigned 8-bit integer (0..255)', fits: integer(0, 255), put: (d, a, v) => d.setUint8(a, v) },
	I: { bytes: 2, label: 'a 16-bit integer (-32768..32767)', fits: integer(-32768, 32767), put: (d, a, v) => d.setInt16(a, v) },
	J: {
		bytes: 4,
		label: 'a 32-bit integer (-2147483648..2147483647)',
		fits: integer(-2147483648, 2147483647),
		put: (d, a, v) => d.setInt32(a, v)
	},
	K: {
		bytes: 8,
		label: 'a 64-bit integer within +-(2^53 - 1)',
		fits: (v) => Number.isSafeInteger(v),
		put: (d, a, v) => d.setBigInt64(a, BigInt(v))
	},
	// NaN is written as the one canonical quiet NaN so the bytes never depend on the engine.
	E: {
		bytes: 4,
		label: 'a 32-bit float',
		fits: (v) => !Number.isFinite(v) || Math.abs(v) <= FLOAT32_MAX,
		put: (d, a, v) => (Number.isNaN(v) ? d.setUint32(a, 0x7fc00000) : d.setFloat32(a, v))
	},
	D: {
		bytes: 8,
		label: 'a 64-bit float',
		fits: () => true,
		put: (d, a, v) => (Number.isNaN(v) ? d.setBigUint64(a, 0x7ff8000000000000n) : d.setFloat64(a, v))
	}
};

const BITPIX_STORAGE: Record<Bitpix, ColumnFormat> = { 8: 'B', 16: 'I', 32: 'J', [-32]: 'E', [-64]: 'D' };

/** Keys writeFits derives from the spec; taking them from `cards` too would contradict the data. */
const STRUCTURAL = /^(SIMPLE|BITPIX|NAXIS\d*|EXTEND|XTENSION|PCOUNT|GCOUNT|GROUPS|TFIELDS|THEAP|EXTNAME|BZERO|BSCALE|BLANK|T(TYPE|FORM|UNIT|SCAL|ZERO|NULL|DIM|DISP)\d+)$/;

const END_CARD = 'END'.padEnd(CARD_BYTES);

interface Encoded {
	cards: Card[];
	dataBytes: number;
	writeData(view: DataView): void;
}

/**
 * A FITS file from HDU descriptions: the first is 'primary' or 'primary-image', the rest 'image'
 * or 'bintable'. Same input, same bytes: nothing depends on time or the engine.
 */
export function writeFits(hdus: HduSpec[]): Uint8Array {
	if (hdus.length === 0) throw new FitsError('BAD_SPEC', 'writeFits needs at least one HDU');
	const encoded = hdus.map((spec, index) => {
		const primary = spec.kind === 'primary' || spec.kind === 'primary-image';
		if (primary !== (index === 0)) {
			throw new FitsError(
				'BAD_SPEC',
				`HDU ${index} is '${spec.kind}'; the first HDU must be 'primary' or 'primary-image' and the others 'image' or 'bintable'`
			);
		}
		checkUserCards(spec.cards, index);
		if (spec.kind === 'primary') return encodePrimary(spec.cards);
		if (spec.kind === 'bintable') return encodeTable(spec, index);
		return encodeImage(spec, index);
	});
	const headers = encoded.map((hdu) => headerText(hdu.cards));
	const total = encoded.reduce((sum, hdu, i) => sum + paddedLength(headers[i].length) + paddedLength(hdu.dataBytes), 0);
	const out = new Uint8Array(total); // zeros: the data padding
	let offset = 0;
	encoded.forEach((hdu, i) => {
		const header = headers[i];
		out.fill(0x20, offset, offset + paddedLength(header.length)); // headers are padded with spaces
		for (let c = 0; c < header.length; c++) out[offset + c] = header.charCodeAt(c);
		offset += paddedLength(header.length);
		hdu.writeData(new DataView(out.buffer, offset, hdu.dataBytes));
		offset += paddedLength(hdu.dataBytes);
	});
	return out;
}

/** The header of an image HDU whose data is streamed separately: `planes` x height x width values as `bitpix` says. */
export type ImageHeaderSpec = Omit<Extract<HduSpec, { kind: 'primary-image' | 'image' }>, 'data'>;

/**
 * The padded header writeFits would write for `spec`, alone: for data too large to hold at once,
 * streamed after it (and padded with zeros to a whole block) by the caller.
 */
export function imageHeader(spec: ImageHeaderSpec): { header: Uint8Array; dataBytes: number } {
	checkUserCards(spec.cards, 0);
	const cards = imageCards(spec, 0);
	const text = headerText(cards);
	const header = new Uint8Array(paddedLength(text.length)).fill(0x20);
	for (let c = 0; c < text.length; c++) header[c] = text.charCodeAt(c);
	return { header, dataBytes: spec.width * spec.height * (spec.planes ?? 1) * STORAGE[BITPIX_STORAGE[spec.bitpix]].bytes };
}

function headerText(cards: Card[]): string {
	return [...cards.flatMap(formatCard), END_CARD].join('');
}

function checkUserCards(cards: Card[], index: number): void {
	for (const card of cards) {
		if (STRUCTURAL.test(card.key)) {
			throw new FitsError(
				'BAD_SPEC',
				`HDU ${index}: card ${card.key} is written by writeFits from the HDU description; remove it from cards`
			);
		}
	}
}

function encodePrimary(cards: Card[]): Encoded {
	return {
		cards: [
			{ key: 'SIMPLE', value: true, comment: 'conforms to FITS standard' },
			{ key: 'BITPIX', value: 8, comment: 'bits per data value' },
			{ key: 'NAXIS', value: 0, comment: 'no data in the primary HDU' },
			{ key: 'EXTEND', value: true, comment: 'extensions follow' },
			...cards
		],
		dataBytes: 0,
		writeData: () => {}
	};
}

function encodeImage(spec: Extract<HduSpec, { kind: 'primary-image' | 'image' }>, index: number): Encoded {
	const { bitpix, width, height, data } = spec;
	const cards = imageCards(spec, index);
	const values = width * height * (spec.planes ?? 1);
	if (data.length !== values) {
		const shape = spec.planes === undefined ? `${width} x ${height}` : `${width} x ${height} x ${spec.planes}`;
		throw new FitsError('BAD_SPEC', `HDU ${index}: ${data.length} values given for a ${shape} image (${values} needed)`);
	}
	const bzero = spec.bzero ?? 0;
	const bscale = spec.bscale ?? 1;
	const storage = STORAGE[BITPIX_STORAGE[bitpix]];
	const round = bitpix > 0;
	return {
		cards,
		dataBytes: data.length * storage.bytes,
		writeData(view) {
			if (bzero === 0 && bscale === 1) {
				if (data instanceof Float32Array && bitpix === -32) return putFloat32(view, data);
				if (data instanceof Uint16Array && bitpix === 16 && fitsInt16(data)) return putInt16(view, data);
			}
			for (let i = 0; i < data.length; i++) {
				const scaled = (data[i] - bzero) / bscale;
				const stored = round ? Math.round(scaled) : scaled;
				if (!storage.fits(stored)) {
					throw new FitsError(
						'OUT_OF_RANGE',
						`HDU ${index}: pixel (${i % width}, ${Math.floor(i / width) % height}) value ${data[i]} cannot be stored as ` +
							`BITPIX ${bitpix}, ${storage.label} after BZERO ${bzero} and BSCALE ${bscale}`
					);
				}
				storage.put(view, i * storage.bytes, stored);
			}
		}
	};
}

/** An image HDU's structural cards (checked) followed by the spec's own. */
function imageCards(spec: ImageHeaderSpec, index: number): Card[] {
	const { bitpix, width, height, planes } = spec;
	if (BITPIX_STORAGE[bitpix] === undefined) {
		throw new FitsError('BAD_SPEC', `HDU ${index}: BITPIX ${String(bitpix)} cannot be written; supported: 8, 16, 32, -32, -64`);
	}
	if (!isCount(width) || !isCount(height) || width === 0 || height === 0) {
		throw new FitsError('BAD_SPEC', `HDU ${index}: image size ${width} x ${height} is not valid; width and height must be positive integers`);
	}
	if (planes !== undefined && (!isCount(planes) || planes === 0)) {
		throw new FitsError('BAD_SPEC', `HDU ${index}: ${planes} planes is not valid; a positive integer or none`);
	}
	const bzero = spec.bzero ?? 0;
	const bscale = spec.bscale ?? 1;
	if (!Number.isFinite(bzero) || !Number.isFinite(bscale) || bscale === 0) {
		throw new FitsError('BAD_SPEC', `HDU ${index}: BZERO ${bzero} / BSCALE ${bscale} are not valid; both finite, BSCALE non-zero`);
	}
	const first: Card[] =
		spec.kind === 'primary-image'
			? [{ key: 'SIMPLE', value: true, comment: 'conforms to FITS standard' }]
			: [{ key: 'XTENSION', value: 'IMAGE', comment: 'image extension' }];
	return [
		...first,
		{ key: 'BITPIX', value: bitpix, comment: 'bits per data value' },
		{ key: 'NAXIS', value: planes === undefined ? 2 : 3, comment: 'number of axes' },
		{ key: 'NAXIS1', value: width, comment: 'width' },
		{ key: 'NAXIS2', value: height, comment: 'height' },
		...(planes === undefined ? [] : [{ key: 'NAXIS3', value: planes, comment: 'planes' }]),
		...(spec.kind === 'primary-image'
			? [{ key: 'EXTEND', value: true, comment: 'extensions may follow' }]
			: [
					{ key: 'PCOUNT', value: 0, comment: 'no heap' },
					{ key: 'GCOUNT', value: 1, comment: 'one group' }
				]),
		...(bzero !== 0 ? [{ key: 'BZERO', value: bzero, comment: 'physical = BZERO + BSCALE * stored' }] : []),
		...(bscale !== 1 ? [{ key: 'BSCALE', value: bscale, comment: 'physical = BZERO + BSCALE * stored' }] : []),
		...(spec.name !== undefined ? [{ key: 'EXTNAME', value: spec.name, comment: 'extension name' }] : []),
		...spec.cards
	];
}

/**
 * A float32 image word by word: the same bytes as the general path (every value fits, NaN becomes
 * the canonical quiet NaN) at a fraction of its cost, which a 3-plane stack pays on every write.
 */
function putFloat32(view: DataView, data: Float32Array): void {
	const words = new Uint32Array(data.buffer, data.byteOffset, data.length);
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		view.setUint32(i * 4, (w & 0x7fffffff) > 0x7f800000 ? 0x7fc00000 : w);
	}
}

/** Counts (FOOTPRINT) as 16-bit integers, word by word; fitsInt16 first, so a value over 32767 takes the general path and its refusal. */
function putInt16(view: DataView, data: Uint16Array): void {
	for (let i = 0; i < data.length; i++) view.setInt16(i * 2, data[i]);
}

function fitsInt16(data: Uint16Array): boolean {
	let max = 0;
	for (let i = 0; i < data.length; i++) max = Math.max(max, data[i]);
	return max <= 32767;
}

function encodeTable(spec: Extract<HduSpec, { kind: 'bintable' }>, index: number): Encoded {
	const { name, rows, columns } = spec;
	if (typeof name !== 'string' || name.trim() === '') throw new FitsError('BAD_SPEC', `HDU ${index}: a binary table needs a name (EXTNAME)`);
	if (!isCount(rows)) throw new FitsError('BAD_SPEC', `HDU ${index} (${name}): rows = ${rows} is not a non-negative integer`);
	if (columns.length === 0) throw new FitsError('BAD_SPEC', `HDU ${index} (${name}): a binary table needs at least one column`);
	const seen = new Set<string>();
	for (const column of columns) {
		const where = `HDU ${index} (${name}) column ${column.name}`;
		if (STORAGE[column.format] === undefined) {
			throw new FitsError('BAD_SPEC', `${where}: format ${String(column.format)} is not supported; supported: ${Object.keys(STORAGE).join(', ')}`);
		}
		if (column.name.trim() === '' || seen.has(column.name.toUpperCase())) {
			throw new FitsError('BAD_SPEC', `${where}: column names must be non-empty and unique (case-insensitive)`);
		}
		seen.add(column.name.toUpperCase());
		if (column.data.length !== rows) {
			throw new FitsError('BAD_SPEC', `${where}: ${column.data.length} values given for ${rows} rows`);
		}
	}
	const rowBytes = columns.reduce((sum, c) => sum + STORAGE[c.format].bytes, 0);
	const cards: Card[] = [
		{ key: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension' },
		{ key: 'BITPIX', value: 8, comment: 'bytes' },
		{ key: 'NAXIS', value: 2, comment: 'a table' },
		{ key: 'NAXIS1', value: rowBytes, comment: 'bytes per row' },
		{ key: 'NAXIS2', value: rows, comment: 'rows' },
		{ key: 'PCOUNT', value: 0, comment: 'no heap' },
		{ key: 'GCOUNT', value: 1, comment: 'one group' },
		{ key: 'TFIELDS', value: columns.length, comment: 'columns' },
		...columns.flatMap((column, i): Card[] => [
			{ key: `TTYPE${i + 1}`, value: column.name },
			{ key: `TFORM${i + 1}`, value: column.format },
			...(column.unit !== undefined ? [{ key: `TUNIT${i + 1}`, value: column.unit }] : [])
		]),
		{ key: 'EXTNAME', value: name, comment: 'extension name' },
		...spec.cards
	];
	return {
		cards,
		dataBytes: rows * rowBytes,
		writeData(view) {
			let columnOffset = 0;
			for (const column of columns) {
				const storage = STORAGE[column.format];
				for (let row = 0; row < rows; row++) {
					const v = column.data[row];
					if (!storage.fits(v)) {
						throw new FitsError(
							'OUT_OF_RANGE',
							`HDU ${index} (${name}) column ${column.name} row ${row}: value ${v} is not ${storage.label} (TFORM ${column.format})`
						);
					}
					storage.put(view, row * rowBytes + columnOffset, v);
				}
				columnOffset += storage.bytes;
			}
		}
	};
}

function isCount(n: number): boolean {
	return Number.isSafeInteger(n) && n >= 0;
}
