import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES } from '$lib/fits';
import { HeaderCollector } from '$lib/server/uploads/header-collector';
import { requireContentLength, requireFileName, requireSha256 } from '$lib/server/uploads/validate';

describe('requireFileName', () => {
	it.each(['a.fit', 'A.FITS', 'Light_M 94_10.0s_IRCUT_20250327-014513.fit', 'Ségur ✨ 銀河.Fits', '..a.fit'])('accepts %j', (name) => {
		expect(requireFileName(name)).toBe(name);
	});
	it.each([
		['../evil.fit', 'path separator'],
		['/etc/x.fit', 'path separator'],
		['a\\b.fits', 'path separator'],
		['x\u0000.fit', 'control characters'],
		['x\u001b[2J.fit', 'control characters'],
		['x\u0085.fit', 'control characters'],
		['x.fit ', 'does not end in .fit or .fits'],
		['x.png', 'does not end in .fit or .fits'],
		['x.fitz', 'does not end in .fit or .fits']
	])('refuses %j (%s)', (name, why) => {
		expect(() => requireFileName(name)).toThrow(why);
	});
	it('refuses a name of 256 characters and accepts 255', () => {
		expect(requireFileName(`${'a'.repeat(251)}.fit`)).toHaveLength(255);
		expect(() => requireFileName(`${'a'.repeat(252)}.fit`)).toThrow(/at most 255/);
	});
});

describe('requireSha256 and requireContentLength', () => {
	it('lower-cases valid hex and refuses anything else', () => {
		expect(requireSha256('AB'.repeat(32))).toBe('ab'.repeat(32));
		for (const bad of ['ab'.repeat(31), 'zz'.repeat(32), undefined, 42]) expect(() => requireSha256(bad)).toThrow(/64 hexadecimal/);
	});
	it('needs a positive length of at most 50 MB', () => {
		expect(requireContentLength('4152960')).toBe(4152960);
		expect(requireContentLength(String(50 * 1024 * 1024))).toBe(50 * 1024 * 1024);
		expect(() => requireContentLength(null)).toThrow(/required/);
		expect(() => requireContentLength('0')).toThrow(/empty/);
		expect(() => requireContentLength('12abc')).toThrow(/not a byte count/);
		expect(() => requireContentLength(String(50 * 1024 * 1024 + 1))).toThrow(expect.objectContaining({ status: 413 }));
	});
});

describe('HeaderCollector', () => {
	const card = (text: string) => text.padEnd(80);
	const block = (cards: string[]) => new TextEncoder().encode(cards.map(card).join('').padEnd(BLOCK_BYTES));

	it('keeps bytes up to the block holding END, however the stream is cut', () => {
		const first = block(['SIMPLE  =                    T', 'COMMENT END is not a card name here']);
		const second = block(['BITPIX  =                   16', 'END']);
		const data = new Uint8Array(BLOCK_BYTES * 10).fill(7);
		const file = new Uint8Array([...first, ...second, ...data]);
		for (const piece of [1, 100, 2880, 5000, 65536]) {
			const collector = new HeaderCollector();
			for (let at = 0; at < file.length; at += piece) collector.add(file.subarray(at, at + piece));
			const kept = collector.bytes();
			expect(kept.length).toBeGreaterThanOrEqual(2 * BLOCK_BYTES);
			expect(kept.length).toBeLessThan(2 * BLOCK_BYTES + Math.max(piece, BLOCK_BYTES));
			expect(Buffer.compare(kept, file.subarray(0, kept.length))).toBe(0);
		}
	});
});
