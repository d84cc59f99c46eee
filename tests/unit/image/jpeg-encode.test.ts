/**
 * The baseline JPEG encoder, checked by an independent decoder (Pillow's libjpeg): the size and
 * 4:4:4 sampling it reads, and the pixels within a PSNR bound of the input, for odd sizes (1 x 1,
 * 17 x 9: partial blocks) and a full 1080 x 1920 stack picture; `pictureJpeg` from a 16-bit PNG.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeJpeg, type RgbImage } from '$lib/image/jpeg-encode';
import { CHROMA_AC, LUMA_AC } from '$lib/image/jpeg-tables';
import { pictureJpeg } from '$lib/server/stacks';

const dir = mkdtempSync(join(tmpdir(), 'jpeg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DECODE = `
import json, sys
from PIL import Image, JpegImagePlugin
im = Image.open(sys.argv[1])
im.load()
with open(sys.argv[2], 'w') as out:
    json.dump({'format': im.format, 'mode': im.mode, 'size': im.size, 'sampling': JpegImagePlugin.get_sampling(im)}, out)
sys.stdout.buffer.write(im.convert('RGB').tobytes())
`;

/** Pillow's reading of a JPEG: what it says of the file and the decoded RGB bytes. */
function decode(jpeg: Uint8Array, name: string): { info: { format: string; mode: string; size: [number, number]; sampling: number }; rgb: Uint8Array } {
	const path = join(dir, name);
	writeFileSync(path, jpeg);
	const rgb = execFileSync('/usr/bin/python3', ['-c', DECODE, path, `${path}.json`], { maxBuffer: 64 * 1024 * 1024 });
	return { info: JSON.parse(readFileSync(`${path}.json`, 'utf8')), rgb: new Uint8Array(rgb) };
}

function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
	expect(a.length).toBe(b.length);
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
	return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / a.length));
}

/** A stack-like picture: dark sky with a gradient and noise, a few round coloured stars, a galaxy's glow. */
function picture(width: number, height: number): RgbImage {
	const data = new Uint8Array(width * height * 3);
	let seed = 12345;
	const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
	const stars = Array.from({ length: Math.max(1, Math.round((width * height) / 4000)) }, () => ({
		x: random() * width,
		y: random() * height,
		flux: 80 + random() * 170,
		color: [0.8 + 0.4 * random(), 1, 0.8 + 0.4 * random()]
	}));
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const glow = 60 * Math.exp(-(((x - width / 2) / (width / 5)) ** 2 + ((y - height / 2) / (height / 8)) ** 2));
			const sky = 20 + (10 * x) / width + glow;
			for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.min(255, Math.round(sky + (random() - 0.5) * 6));
		}
	}
	for (const s of stars) {
		for (let y = Math.max(0, Math.floor(s.y - 4)); y < Math.min(height, s.y + 4); y++) {
			for (let x = Math.max(0, Math.floor(s.x - 4)); x < Math.min(width, s.x + 4); x++) {
				const light = s.flux * Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / 2);
				for (let c = 0; c < 3; c++) {
					const at = (y * width + x) * 3 + c;
					data[at] = Math.min(255, Math.round(data[at] + light * s.color[c]));
				}
			}
		}
	}
	return { width, height, data };
}

describe('encodeJpeg', () => {
	it('uses Huffman tables that hold every AC symbol once (EOB, ZRL, run/size 0-15/1-10)', () => {
		const all = new Set([0x00, 0xf0, ...Array.from({ length: 160 }, (_, i) => ((i / 10) << 4) | ((i % 10) + 1))]);
		for (const table of [LUMA_AC, CHROMA_AC]) {
			expect(table.counts.reduce((a, b) => a + b)).toBe(table.symbols.length);
			expect(new Set(table.symbols)).toEqual(all);
		}
	});

	it.each([
		[1, 1],
		[17, 9],
		[8, 8],
		[9, 31]
	])('a %i x %i picture decodes at its size, 4:4:4, within 34 dB of the input', (width, height) => {
		const image = picture(width, height);
		const jpeg = encodeJpeg(image, 90);
		const { info, rgb } = decode(jpeg, `small-${width}x${height}.jpg`);
		expect(info).toMatchObject({ format: 'JPEG', mode: 'RGB', size: [width, height], sampling: 0 });
		expect(psnr(rgb, image.data)).toBeGreaterThan(34);
	});

	it('a 1080 x 1920 stack picture: PSNR rises with quality, the file grows, the bytes repeat', () => {
		const image = picture(1080, 1920);
		const results = [50, 90, 100].map((quality) => {
			const jpeg = encodeJpeg(image, quality);
			const { info, rgb } = decode(jpeg, `full-${quality}.jpg`);
			expect(info.size).toEqual([1080, 1920]);
			return { quality, bytes: jpeg.length, psnr: psnr(rgb, image.data) };
		});
		console.log(results.map((r) => `q${r.quality}: ${r.bytes} bytes, ${r.psnr.toFixed(2)} dB`).join('; '));
		expect(results[0].psnr).toBeGreaterThan(38);
		expect(results[1].psnr).toBeGreaterThan(41);
		expect(results[2].psnr).toBeGreaterThan(48);
		expect(results[0].bytes).toBeLessThan(results[1].bytes);
		expect(results[1].bytes).toBeLessThan(results[2].bytes);
		expect(Buffer.from(encodeJpeg(image, 90)).equals(Buffer.from(encodeJpeg(image, 90)))).toBe(true);
	});

	it('refuses what it cannot encode, saying why', () => {
		expect(() => encodeJpeg({ width: 2, height: 2, data: new Uint8Array(11) })).toThrow(/11 bytes given for 2 x 2/);
		expect(() => encodeJpeg({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(/1 to 65535/);
		expect(() => encodeJpeg(picture(2, 2), 0)).toThrow(/quality 0/);
		expect(() => encodeJpeg(picture(2, 2), 101)).toThrow(/quality 101/);
	});
});

/** A 16-bit RGB PNG (colour type 2), rows unfiltered. */
function png16(width: number, height: number, samples: Uint16Array): Uint8Array {
	const chunk = (type: string, body: Buffer) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(body.length);
		head.write(type, 4, 'ascii');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
		return Buffer.concat([head, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([16, 2, 0, 0, 0], 8);
	const raw = Buffer.alloc(height * (1 + width * 6));
	for (let y = 0; y < height; y++) {
		for (let i = 0; i < width * 3; i++) raw.writeUInt16BE(samples[y * width * 3 + i], y * (1 + width * 6) + 1 + i * 2);
	}
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

describe('pictureJpeg', () => {
	it('turns a 16-bit PNG picture into a JPEG of it, 8-bit rounded, within 38 dB', () => {
		const { width, height, data } = picture(135, 240);
		// 16-bit samples that round to the 8-bit picture, with the low bits the JPEG cannot keep.
		const samples = Uint16Array.from(data, (v, i) => Math.min(65535, v * 257 + ((i * 37) % 120) - 60 + (v === 0 ? 60 : 0)));
		const jpeg = pictureJpeg(png16(width, height, samples), 95);
		const { info, rgb } = decode(jpeg, 'picture.jpg');
		expect(info).toMatchObject({ format: 'JPEG', size: [width, height] });
		expect(psnr(rgb, data)).toBeGreaterThan(38);
	});
});
