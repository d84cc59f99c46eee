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
		row: row * 7 + 3
	}));
}

describe('catalogue tiles', () => {
	it('decode(encode(stars)) returns every star within the quantisation: 0.0005″, 0.0005 mag, the row exact', () => {
		const stars = [...randomStars(2000, lcg(12)), { ra: 359.9999999999, dec: -90, vt: -1.5, row: 0xffffffff }, { ra: 0, dec: 90, vt: 16, row: 0 }];
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
			expect(got).toEqual(quantiseStar(want));
		});
	});

	it('is 16 bytes of header plus 14 a star, and refuses a truncated or foreign file', () => {
		const bytes = encodeTile({ nside: 16, pixel: 5, stars: randomStars(3, lcg(1)) });
		expect(bytes.length).toBe(16 + 3 * 14);
		expect(() => decodeTile(bytes.subarray(0, bytes.length - 1))).toThrow(/says 3 stars/);
		const foreign = bytes.slice();
		foreign[0] = 0x58;
		expect(() => decodeTile(foreign)).toThrow(/not a catalogue tile/);
		expect(() => encodeTile({ nside: 16, pixel: 5, stars: [{ ra: 0, dec: 91, vt: 1, row: 0 }] })).toThrow(/Dec 91/);
	});
});
