import { describe, expect, it } from 'vitest';
import { decodeTile, encodeTile, quantiseStar, type CatalogStar } from '$lib/catalog';

/** A seeded generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomStars(n: number, random: () => number): CatalogStar[] {
	return Array.from({ length: n }, (_, row) => ({
		ra: random() * 360,
		dec: (Math.asin(2 * random() - 1) * 180) / Math.PI,
		vt: 2 + random() * 14,
		row: row * 7 + 3,
		// Every fifth star without a colour, as the faint ones are; the others over Stellarium's range and past it.
		bv: row % 5 === 0 ? null : -0.7 + random() * 4.4
	}));
}

describe('catalogue tiles', () => {
	it('decode(encode(stars)) returns every star within the quantisation: 0.0005″, 0.0005 mag, B−V to 2/127 within −0.5..3.5, the row exact', () => {
		const stars = [...randomStars(2000, lcg(12)), { ra: 359.9999999999, dec: -90, vt: -1.5, row: 0xffffffff, bv: -0.5 }, { ra: 0, dec: 90, vt: 16, row: 0, bv: 3.5 }];
		const tile = decodeTile(encodeTile({ nside: 16, pixel: 3071, stars }));
		expect(tile.nside).toBe(16);
		expect(tile.pixel).toBe(3071);
		expect(tile.stars).toHaveLength(stars.length);
		tile.stars.forEach((got, i) => {
			const want = stars[i];
			const dra = Math.abs(((got.ra - want.ra + 540) % 360) - 180) * 3600;
			expect(dra).toBeLessThanOrEqual(0.0005 + 1e-9);
			expect(Math.abs(got.dec - want.dec) * 3600).toBeLessThanOrEqual(0.0005 + 1e-9);
			expect(Math.abs(got.vt - want.vt)).toBeLessThanOrEqual(0.0005 + 1e-12);
			expect(got.row).toBe(want.row);
			if (want.bv === null) expect(got.bv).toBeNull();
			else expect(Math.abs(got.bv! - Math.min(3.5, Math.max(-0.5, want.bv)))).toBeLessThanOrEqual(2 / 127 + 1e-9);
			expect(got).toEqual(quantiseStar(want));
		});
	});

	it('is 16 bytes of header plus 15 a star, and refuses a truncated, foreign or version-1 file', () => {
		const bytes = encodeTile({ nside: 16, pixel: 5, stars: randomStars(3, lcg(1)) });
		expect(bytes.length).toBe(16 + 3 * 15);
		expect(() => decodeTile(bytes.subarray(0, bytes.length - 1))).toThrow(/says 3 stars/);
		const foreign = bytes.slice();
		foreign[0] = 0x58;
		expect(() => decodeTile(foreign)).toThrow(/not a catalogue tile/);
		const old = bytes.slice();
		old[4] = 1;
		expect(() => decodeTile(old)).toThrow(/version 1; version 2 \(with B−V\) is read: rebuild/);
		const badColour = bytes.slice();
		badColour[16 + 14] = 200;
		expect(() => decodeTile(badColour)).toThrow(/B−V byte 200/);
		expect(() => encodeTile({ nside: 16, pixel: 5, stars: [{ ra: 0, dec: 91, vt: 1, row: 0, bv: null }] })).toThrow(/Dec 91/);
	});
});
