/**
 * Stellarium's star files as Debian's stellarium-data ships them (a test dependency installed by
 * .ci/run): the reader against bright stars whose J2000 places and B−V are textbook values, and
 * its refusals of files that are not star files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bvOfIndex, readStellariumStars, type StellariumStars } from '$lib/catalog';
import { DEFAULT_STELLARIUM_DIR, STELLARIUM_FILES } from '$lib/catalog/write';

const read = (name: string) => new Uint8Array(readFileSync(join(DEFAULT_STELLARIUM_DIR, name)));

/** Hipparcos J2000 places (epoch J2000), V and Johnson B−V. */
const BRIGHT = [
	{ name: 'Sirius', ra: 101.287155, dec: -16.716116, v: -1.46, bv: 0.0 },
	{ name: 'Vega', ra: 279.234735, dec: 38.783689, v: 0.03, bv: 0.0 },
	{ name: 'Aldebaran', ra: 68.980163, dec: 16.509302, v: 0.87, bv: 1.54 },
	{ name: 'Procyon', ra: 114.825493, dec: 5.224993, v: 0.4, bv: 0.42 },
	{ name: 'Rigel', ra: 78.634467, dec: -8.201638, v: 0.13, bv: -0.03 },
	{ name: 'Capella', ra: 79.172328, dec: 45.997991, v: 0.08, bv: 0.8 }
];

function nearest(s: StellariumStars, ra: number, dec: number): { i: number; arcsec: number } {
	let best = { i: -1, arcsec: Infinity };
	for (let i = 0; i < s.count; i++) {
		const dra = (((s.ra[i] - ra + 540) % 360) - 180) * Math.cos((dec * Math.PI) / 180);
		const arcsec = Math.hypot(dra, s.dec[i] - dec) * 3600;
		if (arcsec < best.arcsec) best = { i, arcsec };
	}
	return best;
}

describe("Stellarium's star files", () => {
	const files = STELLARIUM_FILES.map((name) => ({ name, stars: readStellariumStars(read(name)) }));

	it('reads all four: 28-byte Hipparcos records at levels 0–2, 10-byte Tycho-2 ones at level 3, magnitudes rising file by file to V 10.5', () => {
		expect(files.map((f) => [f.stars.type, f.stars.level])).toEqual([[0, 0], [0, 1], [0, 2], [1, 3]]);
		for (const { name, stars } of files) {
			const bytes = read(name).length;
			const record = stars.type === 0 ? 28 : 10;
			expect(bytes, name).toBe(32 + 4 * 20 * 4 ** stars.level + record * stars.count);
			for (let i = 0; i < stars.count; i++) {
				expect(stars.ra[i] >= 0 && stars.ra[i] < 360 && Math.abs(stars.dec[i]) <= 90 && stars.bvIndex[i] <= 127).toBe(true);
			}
		}
		const tycho = files[3].stars;
		expect(tycho.count).toBeGreaterThan(400_000);
		const mags = tycho.mag.slice().sort();
		expect(mags[0]).toBeGreaterThanOrEqual(9);
		expect(mags[mags.length - 1]).toBeLessThan(10.5);
	});

	// V to the file's 0.05 mag step; B−V to half its 4/127 step plus the catalogues' rounding.
	it.each(BRIGHT)('puts $name where Hipparcos does (within 1″), with its V and B−V', ({ ra, dec, v, bv }) => {
		const bright = files[0].stars;
		const { i, arcsec } = nearest(bright, ra, dec);
		expect(arcsec).toBeLessThan(1);
		expect(Math.abs(bright.mag[i] - v)).toBeLessThan(0.06);
		expect(Math.abs(bvOfIndex(bright.bvIndex[i]) - bv)).toBeLessThanOrEqual(2 / 127 + 0.01);
	});

	it('refuses what is not a star file it reads, saying why', () => {
		const good = read(STELLARIUM_FILES[0]);
		const patched = (at: number, value: number) => {
			const bytes = good.slice();
			new DataView(bytes.buffer).setUint32(at, value, true);
			return bytes;
		};
		expect(() => readStellariumStars(good.subarray(0, 20))).toThrow(/32-byte header/);
		expect(() => readStellariumStars(patched(0, 0x0a045f83))).toThrow(/not a little-endian Stellarium star file: magic 0x0a045f83/);
		expect(() => readStellariumStars(patched(4, 3))).toThrow(/unknown star record type 3/);
		expect(() => readStellariumStars(patched(8, 1))).toThrow(/format version 1/);
		expect(() => readStellariumStars(patched(16, 9))).toThrow(/zone level 9/);
		expect(() => readStellariumStars(good.subarray(0, good.length - 28))).toThrow(/4979 stars of 28 bytes \(139524 bytes in all\) but the file is 139496/);
		expect(() => readStellariumStars(patched(32, 1_000_000))).toThrow(/stars of 28 bytes/);
	});
});
