import { describe, expect, it } from 'vitest';
import { decodeToFloat32, readHdus, readImageHdu, writeFits, type Card, type HduSpec } from '$lib/fits';
import { fitsErrorOf } from './helpers';

const W = 7;
const H = 5;
const ramp = (f: (x: number, y: number) => number) =>
	Float32Array.from({ length: W * H }, (_, i) => f(i % W, Math.floor(i / W)));

/** Cards of every kind, with values chosen to be awkward to format. */
const PRIMARY_CARDS: Card[] = [
	{ key: 'OBJECT', value: "it's M 94", comment: 'target' },
	{ key: 'SHORT', value: 'ab' },
	{ key: 'EMPTYSTR', value: '' },
	{ key: 'NIMAGES', value: 6, comment: 'frames stacked' },
	{ key: 'NEGINT', value: -2147483649 },
	{ key: 'EXPTIME', value: 60.5 },
	{ key: 'TENTH', value: 0.1 },
	{ key: 'THIRD', value: 1 / 3 },
	{ key: 'TINY', value: 1e-7 },
	{ key: 'SUBNORM', value: 5e-324 },
	{ key: 'HUGE', value: 1.7976931348623157e308 },
	{ key: 'BIGINT', value: 2 ** 53 + 2 },
	{ key: 'E20', value: 123456789012345680000 },
	{ key: 'NEGZERO', value: -0 },
	{ key: 'RA', value: 193.070835 },
	{ key: 'DEC', value: -40.979722 },
	{ key: 'FLAG', value: true },
	{ key: 'NOFLAG', value: false },
	{ key: 'UNDEF', value: null, comment: 'no value' },
	{ key: 'DATE-OBS', value: '2025-03-27T05:45:00.734589' },
	{ key: 'CCD-TEMP', value: 17.875 },
	{ key: 'ESO DET CHIP', value: 'left' },
	{ key: 'ASTAP_ZEMOSAIC_SOLVED', value: true },
	{ key: 'COMMENT', value: null, comment: 'a comment '.repeat(10).trim() },
	{ key: 'HISTORY', value: null, comment: 'stacked by CrowdSky' }
];

const RED = ramp((x, y) => x * 0.5 - y * 1000.25);
RED[3] = NaN;
RED[4] = Infinity;

function sample(): HduSpec[] {
	return [
		{ kind: 'primary', cards: PRIMARY_CARDS },
		{ kind: 'image', name: 'RED', bitpix: -32, width: W, height: H, data: RED, cards: [{ key: 'BUNIT', value: 'ADU' }] },
		{
			kind: 'bintable',
			name: 'STAR-TAB',
			rows: 3,
			columns: [
				{ name: 'x', format: 'E', unit: 'pix', data: [1.5, 1e30, NaN] },
				{ name: 'y', format: 'D', data: [0.1, -2, 1e-300] },
				{ name: 'id', format: 'K', data: [0, -(2 ** 53 - 1), 2 ** 53 - 1] },
				{ name: 'n', format: 'J', data: [-2147483648, 0, 2147483647] },
				{ name: 'flag', format: 'I', data: [-32768, 1, 32767] },
				{ name: 'b', format: 'B', data: [0, 128, 255] }
			],
			cards: []
		}
	];
}

describe('writeFits round trip', () => {
	it('reads back primary cards exactly, in order, after the mandatory ones', () => {
		const [primary] = readHdus(writeFits(sample()));
		const mandatory = primary.header.cards.slice(0, 4).map((c) => [c.key, c.value]);
		expect(mandatory).toEqual([['SIMPLE', true], ['BITPIX', 8], ['NAXIS', 0], ['EXTEND', true]]);
		const rest = primary.header.cards.slice(4);
		const expected = PRIMARY_CARDS.flatMap((c) =>
			c.key === 'COMMENT' // 99 characters wrap onto two cards of 72 (trailing spaces are not kept)
				? [{ ...c, comment: c.comment!.slice(0, 72).trimEnd() }, { ...c, comment: c.comment!.slice(72) }]
				: [c]
		);
		expect(rest.map((c) => [c.key, c.value, c.comment])).toEqual(expected.map((c) => [c.key, c.value, c.comment]));
		expect(Object.is(primary.header.get('NEGZERO'), -0)).toBe(true);
	});

	it('reads back a float32 image exactly, NaN and infinity included', () => {
		const bytes = writeFits(sample());
		const red = readImageHdu(bytes, readHdus(bytes)[1]);
		expect(red).toMatchObject({ width: W, height: H, bitpix: -32, bzero: 0, bscale: 1, bayer: null });
		expect(red.header.string('EXTNAME')).toBe('RED');
		expect(red.header.string('BUNIT')).toBe('ADU');
		const back = decodeToFloat32(red);
		expect(back).toEqual(RED);
	});

	it('stores a Float32Array image as its own big-endian bits, every NaN as the canonical quiet NaN', () => {
		const bits = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x00000001, 0x807fffff, 0x3f800000, 0xc2f6e979, 0x7f7fffff];
		const nans = [0x7fc00000, 0x7fc00001, 0xffc00000, 0x7f800001, 0xffffffff];
		const data = new Float32Array(new Uint32Array([...bits, ...nans]).buffer);
		const bytes = writeFits([{ kind: 'primary-image', bitpix: -32, width: data.length, height: 1, data, cards: [] }]);
		const [hdu] = readHdus(bytes);
		const view = new DataView(bytes.buffer, hdu.dataOffset, data.length * 4);
		const stored = Array.from({ length: data.length }, (_, i) => view.getUint32(i * 4));
		expect(stored).toEqual([...bits, ...nans.map(() => 0x7fc00000)]);
	});

	it('stores a Uint16Array BITPIX 16 image as big-endian 16-bit integers and refuses a count over 32767', () => {
		const data = new Uint16Array([0, 1, 255, 256, 32767, 4660]);
		const bytes = writeFits([{ kind: 'primary-image', bitpix: 16, width: 3, height: 2, data, cards: [] }]);
		const [hdu] = readHdus(bytes);
		const view = new DataView(bytes.buffer, hdu.dataOffset, data.length * 2);
		expect(Array.from(data, (_, i) => view.getInt16(i * 2))).toEqual(Array.from(data));
		const over = new Uint16Array([7, 32768]);
		expect(fitsErrorOf(() => writeFits([{ kind: 'primary-image', bitpix: 16, width: 2, height: 1, data: over, cards: [] }]), 'OUT_OF_RANGE')).toBe(
			'HDU 0: pixel (1, 0) value 32768 cannot be stored as BITPIX 16, a 16-bit integer (-32768..32767) after BZERO 0 and BSCALE 1'
		);
	});

	it('writes the binary table row by row, big-endian, as TFORM says', () => {
		const bytes = writeFits(sample());
		const table = readHdus(bytes)[2];
		const h = table.header;
		expect([h.get('XTENSION'), h.get('NAXIS1'), h.get('NAXIS2'), h.get('TFIELDS'), h.get('EXTNAME')]).toEqual([
			'BINTABLE', 4 + 8 + 8 + 4 + 2 + 1, 3, 6, 'STAR-TAB'
		]);
		expect([1, 2, 3, 4, 5, 6].map((n) => [h.get(`TTYPE${n}`), h.get(`TFORM${n}`)])).toEqual([
			['x', 'E'], ['y', 'D'], ['id', 'K'], ['n', 'J'], ['flag', 'I'], ['b', 'B']
		]);
		expect(h.get('TUNIT1')).toBe('pix');
		expect(h.has('TUNIT2')).toBe(false);
		const view = new DataView(bytes.buffer, table.dataOffset, table.dataLength);
		const row = (r: number) => {
			const at = r * 27;
			return [
				view.getFloat32(at),
				view.getFloat64(at + 4),
				Number(view.getBigInt64(at + 12)),
				view.getInt32(at + 20),
				view.getInt16(at + 24),
				view.getUint8(at + 26)
			];
		};
		expect(row(0)).toEqual([1.5, 0.1, 0, -2147483648, -32768, 0]);
		expect(row(1)).toEqual([Math.fround(1e30), -2, -(2 ** 53 - 1), 0, 1, 128]);
		expect(row(2)).toEqual([NaN, 1e-300, 2 ** 53 - 1, 2147483647, 32767, 255]);
		expect(view.getUint32(2 * 27)).toBe(0x7fc00000); // the canonical NaN
	});

	it('round-trips a BITPIX 16, BZERO 32768 image (unsigned 16-bit) with rounding', () => {
		const data = ramp((x, y) => (x * 9973 + y * 3001) % 65536);
		data[0] = 0;
		data[1] = 65535;
		data[2] = 32768;
		data[3] = 1.4; // stored value rounds to 1
		data[4] = 1.6; // ... and to 2
		const bytes = writeFits([{ kind: 'primary-image', bitpix: 16, bzero: 32768, width: W, height: H, data, cards: [] }]);
		const [hdu] = readHdus(bytes);
		expect(hdu.header.get('BZERO')).toBe(32768);
		expect(hdu.header.has('BSCALE')).toBe(false);
		const view = new DataView(bytes.buffer, hdu.dataOffset);
		expect([view.getInt16(0), view.getInt16(2), view.getInt16(4)]).toEqual([-32768, 32767, 0]);
		const back = decodeToFloat32(readImageHdu(bytes, hdu));
		const expected = Float32Array.from(data, (v) => Math.round(v));
		expect(back).toEqual(expected);
	});

	it('stores (v - BZERO) / BSCALE for scaled integer images', () => {
		const data = ramp((x, y) => 10 + 0.5 * (x + W * y));
		const bytes = writeFits([{ kind: 'primary-image', bitpix: 8, bzero: 10, bscale: 0.5, width: W, height: H, data, cards: [] }]);
		const [hdu] = readHdus(bytes);
		expect(Array.from(bytes.subarray(hdu.dataOffset, hdu.dataOffset + 4))).toEqual([0, 1, 2, 3]);
		expect(decodeToFloat32(readImageHdu(bytes, hdu))).toEqual(data);
	});

	it('is deterministic: the same input gives the same bytes', () => {
		const a = writeFits(sample());
		const b = writeFits(sample());
		expect(a).not.toBe(b);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
		const [primary, red, table] = sample();
		const changed = { ...red, data: RED.map((v, i) => (i === 0 ? v + 1 : v)) } as HduSpec;
		expect(Buffer.from(writeFits([primary, changed, table])).equals(Buffer.from(a))).toBe(false);
	});
});

describe('writeFits layout', () => {
	it('formats cards as FITS fixed format, pads headers with spaces and data with zeros', () => {
		const bytes = writeFits([
			{ kind: 'primary', cards: [{ key: 'OBJECT', value: 'M 94' }, { key: 'EXPTIME', value: 10 }, { key: 'SCALE', value: 2.39, comment: 'arcsec/px' }] },
			{ kind: 'image', name: 'ONE', bitpix: 16, width: 3, height: 1, data: [1, 2, 3], cards: [] }
		]);
		expect(bytes.length % 2880).toBe(0);
		expect(bytes.length).toBe(3 * 2880);
		const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
		const card = (n: number) => text(n * 80, n * 80 + 80);
		expect(card(0)).toBe('SIMPLE  =                    T / conforms to FITS standard'.padEnd(80));
		expect(card(4)).toBe("OBJECT  = 'M 94    '".padEnd(80));
		expect(card(5)).toBe('EXPTIME =                   10'.padEnd(80));
		expect(card(6)).toBe('SCALE   =                 2.39 / arcsec/px'.padEnd(80));
		expect(card(7)).toBe('END'.padEnd(80));
		expect(text(8 * 80, 2880)).toBe(' '.repeat(2880 - 8 * 80));
		expect(card(36)).toBe("XTENSION= 'IMAGE   '           / image extension".padEnd(80));
		// Data: three big-endian int16 values, then zeros to the block's end.
		expect(Array.from(bytes.subarray(2 * 2880, 2 * 2880 + 6))).toEqual([0, 1, 0, 2, 0, 3]);
		expect(bytes.subarray(2 * 2880 + 6).every((b) => b === 0)).toBe(true);
	});

	it('writes reals with a decimal point and E exponent, longer ones free-format', () => {
		const line = (value: number) =>
			String.fromCharCode(...writeFits([{ kind: 'primary', cards: [{ key: 'V', value }] }]).subarray(320, 400)).trimEnd();
		expect(line(1e-7)).toBe('V       =               1.0E-7');
		expect(line(1.5e300)).toBe('V       =             1.5E+300');
		expect(line(-0)).toBe('V       =                 -0.0');
		expect(line(12)).toBe('V       =                   12');
		expect(line(-1.2345678901234568e-300)).toBe('V       = -1.2345678901234568E-300');
	});
});

describe('writeFits refusals', () => {
	const primary = (cards: Card[]): HduSpec[] => [{ kind: 'primary', cards }];

	it('refuses NaN and Infinity in a header', () => {
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'BAD', value: NaN }])), 'BAD_CARD')).toBe(
			'card BAD has value NaN; FITS header numbers must be finite (no NaN or Infinity)'
		);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'BAD', value: -Infinity }])), 'BAD_CARD')).toMatch(/value -Infinity/);
	});

	it('refuses invalid keys and keys writeFits owns', () => {
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'exptime', value: 1 }])), 'BAD_CARD')).toMatch(/keyword "exptime" is not valid; keywords are 1-8 characters of A-Z, 0-9/);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'A.B', value: 1 }])), 'BAD_CARD')).toMatch(/"A.B" is not valid/);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'BITPIX', value: 16 }])), 'BAD_SPEC')).toBe(
			'HDU 0: card BITPIX is written by writeFits from the HDU description; remove it from cards'
		);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'NAXIS3', value: 1 }])), 'BAD_SPEC')).toMatch(/NAXIS3/);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'END', value: null }])), 'BAD_CARD')).toMatch(/"END" cannot be written/);
	});

	it('refuses strings that do not fit or are not ASCII', () => {
		expect(() => writeFits(primary([{ key: 'S', value: 'x'.repeat(68) }]))).not.toThrow();
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'S', value: 'x'.repeat(69) }])), 'BAD_CARD')).toBe(
			'card S has a 69-character string (quotes doubled); at most 68 fit on a card'
		);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'S', value: "'".repeat(35) }])), 'BAD_CARD')).toMatch(/70-character/);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'S', value: 'Café' }])), 'BAD_CARD')).toBe(
			'the value of card S holds character U+00E9 at position 3; FITS headers allow only printable ASCII (0x20-0x7E)'
		);
		expect(fitsErrorOf(() => writeFits(primary([{ key: 'COMMENT', value: 'text' }])), 'BAD_CARD')).toMatch(/holds text in "comment"/);
	});

	it('refuses HDUs in the wrong place or with inconsistent sizes', () => {
		const image = { kind: 'image' as const, bitpix: -32 as const, width: 2, height: 2, data: [1, 2, 3, 4], cards: [] as Card[] };
		expect(fitsErrorOf(() => writeFits([]), 'BAD_SPEC')).toBe('writeFits needs at least one HDU');
		expect(fitsErrorOf(() => writeFits([image]), 'BAD_SPEC')).toMatch(/HDU 0 is 'image'; the first HDU must be 'primary'/);
		expect(fitsErrorOf(() => writeFits([...primary([]), ...primary([])]), 'BAD_SPEC')).toMatch(/HDU 1 is 'primary'/);
		expect(fitsErrorOf(() => writeFits([...primary([]), { ...image, data: [1, 2, 3] }]), 'BAD_SPEC')).toBe(
			'HDU 1: 3 values given for a 2 x 2 image (4 needed)'
		);
		expect(fitsErrorOf(() => writeFits([...primary([]), { ...image, width: 0 }]), 'BAD_SPEC')).toMatch(/0 x 2 is not valid/);
		const bitpix64 = { ...image, bitpix: 64 } as unknown as HduSpec;
		expect(fitsErrorOf(() => writeFits([...primary([]), bitpix64]), 'BAD_SPEC')).toMatch(/BITPIX 64 cannot be written; supported: 8, 16, 32, -32, -64/);
	});

	it('refuses pixel values outside the integer type after scaling', () => {
		const u16 = (value: number): HduSpec[] => [
			{ kind: 'primary-image', bitpix: 16, bzero: 32768, width: 2, height: 1, data: [0, value], cards: [] }
		];
		expect(fitsErrorOf(() => writeFits(u16(65536)), 'OUT_OF_RANGE')).toBe(
			'HDU 0: pixel (1, 0) value 65536 cannot be stored as BITPIX 16, a 16-bit integer (-32768..32767) after BZERO 32768 and BSCALE 1'
		);
		expect(fitsErrorOf(() => writeFits(u16(-1)), 'OUT_OF_RANGE')).toMatch(/value -1 cannot be stored/);
		expect(fitsErrorOf(() => writeFits(u16(NaN)), 'OUT_OF_RANGE')).toMatch(/value NaN cannot be stored/);
		const f32 = [{ kind: 'primary-image', bitpix: -32, width: 1, height: 1, data: [1e39], cards: [] }] as HduSpec[];
		expect(fitsErrorOf(() => writeFits(f32), 'OUT_OF_RANGE')).toMatch(/value 1e\+39 cannot be stored as BITPIX -32, a 32-bit float/);
	});

	it('refuses bad table columns', () => {
		const table = (columns: { name: string; format: 'E' | 'I'; data: number[] }[], rows = 2): HduSpec[] => [
			...primary([]),
			{ kind: 'bintable', name: 'T', rows, columns, cards: [] }
		];
		expect(fitsErrorOf(() => writeFits(table([{ name: 'a', format: 'E', data: [1] }])), 'BAD_SPEC')).toBe(
			'HDU 1 (T) column a: 1 values given for 2 rows'
		);
		expect(fitsErrorOf(() => writeFits(table([{ name: 'a', format: 'I', data: [1, 1.5] }])), 'OUT_OF_RANGE')).toBe(
			'HDU 1 (T) column a row 1: value 1.5 is not a 16-bit integer (-32768..32767) (TFORM I)'
		);
		const twice = [{ name: 'a', format: 'E' as const, data: [1, 2] }, { name: 'A', format: 'E' as const, data: [1, 2] }];
		expect(fitsErrorOf(() => writeFits(table(twice)), 'BAD_SPEC')).toMatch(/column A: column names must be non-empty and unique/);
		expect(fitsErrorOf(() => writeFits(table([])), 'BAD_SPEC')).toMatch(/needs at least one column/);
		expect(() => writeFits(table([{ name: 'a', format: 'E', data: [] }], 0))).not.toThrow();
	});
});
