import { CHROMA_AC, CHROMA_DC, CHROMA_QUANT, LUMA_AC, LUMA_DC, LUMA_QUANT, ZIGZAG, type HuffmanSpec } from './jpeg-tables';

/** 8-bit RGB pixels, row-major, 3 bytes a pixel. */
export interface RgbImage {
	width: number;
	height: number;
	data: Uint8Array | Uint8ClampedArray;
}

export const DEFAULT_JPEG_QUALITY = 90;

/**
 * A baseline JFIF JPEG of `image`: YCbCr 4:4:4 (no chroma subsampling: a star is a few pixels and
 * 4:2:0 would smear its colour over its neighbours, for a file only about a quarter smaller), the
 * Annex K quantisation tables scaled to `quality` (1..100) as IJG's libjpeg does, the Annex K
 * Huffman tables. Pure arithmetic in a fixed order: the same bytes for the same pixels anywhere.
 */
export function encodeJpeg(image: RgbImage, quality = DEFAULT_JPEG_QUALITY): Uint8Array {
	const { width, height, data } = image;
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
		throw new RangeError(`a JPEG is 1 to 65535 pixels a side; ${width} x ${height} given`);
	}
	if (data.length !== width * height * 3) throw new RangeError(`${data.length} bytes given for ${width} x ${height} RGB pixels (${width * height * 3} needed)`);
	if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`JPEG quality ${quality} must be a whole number from 1 to 100`);
	const quant = [scaledTable(LUMA_QUANT, quality), scaledTable(CHROMA_QUANT, quality)];
	const out = new ByteWriter(Math.max(1024, width * height));
	writeHeaders(out, width, height, quant);
	writeScan(out, image, quant);
	out.bytes(0xff, 0xd9); // EOI
	return out.result();
}

/** IJG's quality scaling: 50 is the table itself, 100 all ones, lower qualities coarser. */
function scaledTable(base: number[], quality: number): Uint8Array {
	const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - 2 * quality;
	return Uint8Array.from(base, (q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
}

function writeHeaders(out: ByteWriter, width: number, height: number, quant: Uint8Array[]): void {
	out.bytes(0xff, 0xd8); // SOI
	// APP0 JFIF 1.01, no density units (aspect 1:1), no thumbnail.
	out.bytes(0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0);
	out.bytes(0xff, 0xdb, 0, 2 + 65 * 2); // DQT: both tables, 8-bit, zig-zag order
	quant.forEach((table, id) => {
		out.bytes(id);
		for (let k = 0; k < 64; k++) out.bytes(table[ZIGZAG[k]]);
	});
	// SOF0: 8-bit, 3 components, each 1x1 sampling (4:4:4); Y uses table 0, Cb and Cr table 1.
	out.bytes(0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1);
	const tables: [number, HuffmanSpec][] = [
		[0x00, LUMA_DC],
		[0x10, LUMA_AC],
		[0x01, CHROMA_DC],
		[0x11, CHROMA_AC]
	];
	const length = 2 + tables.reduce((sum, [, spec]) => sum + 17 + spec.symbols.length, 0);
	out.bytes(0xff, 0xc4, length >> 8, length & 0xff);
	for (const [id, spec] of tables) {
		out.bytes(id, ...spec.counts, ...spec.symbols);
	}
	// SOS: the 3 components interleaved, Y with tables 0/0, Cb and Cr with 1/1; the whole spectrum.
	out.bytes(0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0);
}

/** Code and length of each symbol of a table (Annex C): canonical codes, shortest first. */
interface Codes {
	code: Uint16Array;
	size: Uint8Array;
}

function codesOf(spec: HuffmanSpec): Codes {
	const code = new Uint16Array(256);
	const size = new Uint8Array(256);
	let next = 0;
	let k = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < spec.counts[length - 1]; i++) {
			const symbol = spec.symbols[k++];
			code[symbol] = next++;
			size[symbol] = length;
		}
		next <<= 1;
	}
	return { code, size };
}

/** C[u * 8 + x] = c(u) / 2 * cos((2x + 1) u pi / 16): the forward DCT of A.3.3 as two passes of 8 x 8 products. */
const COSINES = Float64Array.from({ length: 64 }, (_, i) => {
	const u = i >> 3;
	const x = i & 7;
	return ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

function writeScan(out: ByteWriter, { width, height, data }: RgbImage, quant: Uint8Array[]): void {
	const dc = [codesOf(LUMA_DC), codesOf(CHROMA_DC)];
	const ac = [codesOf(LUMA_AC), codesOf(CHROMA_AC)];
	const bits = new BitWriter(out);
	const planes = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
	const temp = new Float64Array(64);
	const coefficients = new Int32Array(64);
	const previous = [0, 0, 0];
	for (let by = 0; by < height; by += 8) {
		for (let bx = 0; bx < width; bx += 8) {
			// A block past the right or bottom edge repeats the last column or row (no dark seam on decode).
			for (let y = 0; y < 8; y++) {
				const row = Math.min(by + y, height - 1) * width;
				for (let x = 0; x < 8; x++) {
					const at = (row + Math.min(bx + x, width - 1)) * 3;
					const r = data[at];
					const g = data[at + 1];
					const b = data[at + 2];
					// JFIF's YCbCr, level-shifted by 128.
					planes[0][y * 8 + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
					planes[1][y * 8 + x] = -0.168736 * r - 0.331264 * g + 0.5 * b;
					planes[2][y * 8 + x] = 0.5 * r - 0.418688 * g - 0.081312 * b;
				}
			}
			for (let c = 0; c < 3; c++) {
				const table = c === 0 ? 0 : 1;
				quantise(planes[c], temp, quant[table], coefficients);
				const diff = coefficients[0] - previous[c];
				previous[c] = coefficients[0];
				encodeBlock(bits, coefficients, diff, dc[table], ac[table]);
			}
		}
	}
	bits.flush();
}

/** The block's DCT (rows, then columns), divided by the table and rounded, in zig-zag order. */
function quantise(block: Float64Array, temp: Float64Array, table: Uint8Array, out: Int32Array): void {
	for (let y = 0; y < 8; y++) {
		for (let u = 0; u < 8; u++) {
			let sum = 0;
			for (let x = 0; x < 8; x++) sum += COSINES[u * 8 + x] * block[y * 8 + x];
			temp[y * 8 + u] = sum;
		}
	}
	for (let k = 0; k < 64; k++) {
		const at = ZIGZAG[k];
		const v = at >> 3;
		const u = at & 7;
		let sum = 0;
		for (let y = 0; y < 8; y++) sum += COSINES[v * 8 + y] * temp[y * 8 + u];
		out[k] = Math.round(sum / table[at]);
	}
}

function encodeBlock(bits: BitWriter, zz: Int32Array, diff: number, dc: Codes, ac: Codes): void {
	const dcSize = magnitudeBits(diff);
	bits.write(dc.code[dcSize], dc.size[dcSize]);
	if (dcSize > 0) bits.write(amplitude(diff, dcSize), dcSize);
	let run = 0;
	for (let k = 1; k < 64; k++) {
		const v = zz[k];
		if (v === 0) {
			run++;
			continue;
		}
		while (run > 15) {
			bits.write(ac.code[0xf0], ac.size[0xf0]); // ZRL: 16 zeros
			run -= 16;
		}
		const size = magnitudeBits(v);
		const symbol = (run << 4) | size;
		bits.write(ac.code[symbol], ac.size[symbol]);
		bits.write(amplitude(v, size), size);
		run = 0;
	}
	if (run > 0) bits.write(ac.code[0x00], ac.size[0x00]); // EOB
}

/** The size category: bits of |v| (0 for 0). */
function magnitudeBits(v: number): number {
	return v === 0 ? 0 : 32 - Math.clz32(Math.abs(v));
}

/** F.1.2.1: a negative value is sent as its one's complement in `size` bits. */
function amplitude(v: number, size: number): number {
	return v >= 0 ? v : v + (1 << size) - 1;
}

/** Entropy-coded bits, most significant first, a 0xFF byte followed by a stuffed 0x00. */
class BitWriter {
	private buffer = 0;
	private count = 0;

	constructor(private readonly out: ByteWriter) {}

	write(value: number, size: number): void {
		this.buffer = (this.buffer << size) | (value & ((1 << size) - 1));
		this.count += size;
		while (this.count >= 8) {
			const byte = (this.buffer >> (this.count - 8)) & 0xff;
			this.out.byte(byte);
			if (byte === 0xff) this.out.byte(0);
			this.count -= 8;
		}
		this.buffer &= (1 << this.count) - 1;
	}

	/** The last byte padded with 1 bits (F.1.2.3). */
	flush(): void {
		if (this.count > 0) this.write(0x7f, 8 - this.count);
	}
}

/** A growing byte array. */
class ByteWriter {
	private data: Uint8Array;
	private length = 0;

	constructor(capacity: number) {
		this.data = new Uint8Array(capacity);
	}

	bytes(...values: number[]): void {
		for (const v of values) this.byte(v);
	}

	byte(value: number): void {
		if (this.length === this.data.length) {
			const grown = new Uint8Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}
		this.data[this.length++] = value;
	}

	result(): Uint8Array {
		return this.data.slice(0, this.length);
	}
}
