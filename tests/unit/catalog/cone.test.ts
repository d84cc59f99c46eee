import { describe, expect, it } from 'vitest';
import { buildCatalog, coneSearch, NO_COLOUR, tilePath, type CatalogSource, type IndexStars } from '$lib/catalog';

function lcg(seed: number): () => number {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Stars spread over the whole sky, plus a dense cluster at a pole and across RA 0/360. */
function sky(n: number, random: () => number): IndexStars {
	const stars: IndexStars = { count: n, ra: new Float64Array(n), dec: new Float64Array(n), vt: new Float32Array(n) };
	for (let i = 0; i < n; i++) {
		const cluster = i % 3;
		stars.ra[i] = cluster === 0 ? random() * 360 : (cluster === 1 ? random() * 360 : 358 + random() * 4) % 360;
		stars.dec[i] = cluster === 0 ? (Math.asin(2 * random() - 1) * 180) / Math.PI : cluster === 1 ? 84 + random() * 6 : -3 + random() * 6;
		stars.vt[i] = 5 + random() * 8;
	}
	return stars;
}

function memorySource(stars: IndexStars, nside: number): CatalogSource {
	const { index, tiles } = buildCatalog(stars, new Uint8Array(stars.count).fill(NO_COLOUR), 'test', nside);
	const files = new Map([...tiles].map(([pixel, bytes]) => [tilePath(pixel), bytes]));
	return { index: async () => index, tileBytes: async (pixel) => files.get(tilePath(pixel)) ?? null };
}

/** The reference: every star's angle to the centre from the dot product of unit vectors. */
function bruteForce(stars: IndexStars, ra: number, dec: number, radius: number): number[] {
	const v = (r: number, d: number) => {
		const [a, b] = [(r * Math.PI) / 180, (d * Math.PI) / 180];
		return [Math.cos(b) * Math.cos(a), Math.cos(b) * Math.sin(a), Math.sin(b)];
	};
	const c = v(ra, dec);
	const rows: number[] = [];
	for (let i = 0; i < stars.count; i++) {
		const s = v(stars.ra[i], stars.dec[i]);
		if (Math.acos(Math.min(1, c[0] * s[0] + c[1] * s[1] + c[2] * s[2])) <= (radius * Math.PI) / 180) rows.push(i);
	}
	return rows;
}

describe('cone search over tiles', () => {
	const stars = sky(60_000, lcg(7));
	const cones = [
		[192.7214, 41.1203, 4],
		[0.2, 0.1, 1.5],
		[359.5, -1, 2.5],
		[10, 89.7, 3],
		[200, 87, 1],
		[123, -60, 5],
		[359.9, 0.5, 0.3]
	];
	for (const nside of [4, 16]) {
		it(`returns exactly the stars within the radius (brute force), at the pole and across RA 0, nside ${nside}`, async () => {
			const source = memorySource(stars, nside);
			for (const [ra, dec, radius] of cones) {
				const want = bruteForce(stars, ra, dec, radius).filter((row) => Math.abs(edge(stars, row, ra, dec, radius)) > 1e-6);
				const got = (await coneSearch(source, ra, dec, radius)).map((s) => s.row).filter((row) => Math.abs(edge(stars, row, ra, dec, radius)) > 1e-6);
				expect(got.sort((a, b) => a - b), `cone (${ra}, ${dec}, ${radius})`).toEqual(want);
				expect(want.length, `cone (${ra}, ${dec}, ${radius}) is not empty`).toBeGreaterThan(0);
			}
		});
	}
});

/** How far (degrees) a star lies from the cone's edge; stars within the tiles' rounding of it are not compared. */
function edge(stars: IndexStars, row: number, ra: number, dec: number, radius: number): number {
	const [a1, d1, a2, d2] = [ra, dec, stars.ra[row], stars.dec[row]].map((x) => (x * Math.PI) / 180);
	const cos = Math.sin(d1) * Math.sin(d2) + Math.cos(d1) * Math.cos(d2) * Math.cos(a1 - a2);
	return (Math.acos(Math.min(1, cos)) * 180) / Math.PI - radius;
}
