/**
 * The catalogue against its sources: the Debian index file (astrometry-data-tycho2-08-littleendian,
 * a test dependency installed by .ci/run) read independently by astropy, B−V from Stellarium's star
 * files (stellarium-data, likewise), and the committed tiles against a fresh build so that they
 * cannot rot.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogIndexText, coneSearch, decodeTile, quantiseStar, tilePath, type BuiltCatalog, type CatalogStar } from '$lib/catalog';
import { diskCatalogSource } from '$lib/catalog/disk-source';
import { buildFromFile, DEFAULT_INDEX_FILE } from '$lib/catalog/write';

const CATALOG_DIR = join(import.meta.dirname, '../../../static/catalog');
const M94 = { ra: 192.7214, dec: 41.1203, radius: 0.6 };

/** astropy + numpy's reading of the index: sampled rows, and every row within the M 94 cone. */
const ASTROPY = `
import json, sys
import numpy as np
from astropy.io import fits
from astropy.coordinates import SkyCoord
import astropy.units as u
hdus = fits.open(sys.argv[1])
def table(name):
    return next(h for h in hdus[1:] if h.columns.names[0] == name)
rng = np.frombuffer(table('kdtree_range_stars').data.tobytes(), dtype='<f8')
data = np.frombuffer(table('kdtree_data_stars').data.tobytes(), dtype='<u4').reshape(-1, 3)
mag = table('MAG_VT').data.field(0).astype(np.float64)
xyz = rng[0:3] + data / rng[6]
ra = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0])) % 360
dec = np.degrees(np.arctan2(xyz[:, 2], np.hypot(xyz[:, 0], xyz[:, 1])))
rows = sorted(set(range(0, len(ra), 4999)) | {len(ra) - 1})
sep = SkyCoord(ra * u.deg, dec * u.deg).separation(SkyCoord(float(sys.argv[2]) * u.deg, float(sys.argv[3]) * u.deg)).deg
cone = [int(i) for i in np.nonzero(sep <= float(sys.argv[4]))[0]]
print(json.dumps({'count': len(ra), 'sample': [[r, ra[r], dec[r], mag[r]] for r in rows], 'cone': cone}))
`;

interface Reference {
	count: number;
	sample: [number, number, number, number][];
	cone: number[];
}

describe('the star catalogue from index 4108', () => {
	let built: BuiltCatalog;
	let reference: Reference;
	let byRow: Map<number, CatalogStar>;

	beforeAll(async () => {
		built = await buildFromFile(DEFAULT_INDEX_FILE);
		const args = ['-c', ASTROPY, DEFAULT_INDEX_FILE, String(M94.ra), String(M94.dec), String(M94.radius)];
		reference = JSON.parse(execFileSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
		byRow = new Map([...built.tiles.values()].flatMap((bytes) => decodeTile(bytes).stars.map((s) => [s.row, s] as const)));
	});

	it('holds every star of the index once, star for star as astropy reads them: positions to 0.01″, VT to the millimag', () => {
		expect(built.index.stars).toBe(1_279_364);
		expect(reference.count).toBe(1_279_364);
		expect(byRow.size).toBe(reference.count);
		expect(reference.sample.length).toBeGreaterThan(250);
		for (const [row, ra, dec, vt] of reference.sample) {
			const star = byRow.get(row)!;
			const dra = Math.abs(((star.ra - ra + 540) % 360) - 180) * Math.cos((dec * Math.PI) / 180) * 3600;
			expect(dra, `row ${row} RA`).toBeLessThan(0.01);
			expect(Math.abs(star.dec - dec) * 3600, `row ${row} Dec`).toBeLessThan(0.01);
			expect(star.vt, `row ${row} VT`).toBe(quantiseStar({ ra, dec, vt, row, bv: null }).vt);
		}
	});

	it("gives B−V to the stars Stellarium's files hold: 44 % of all, 99 % of those brighter than VT 10.3, colours as field stars have", () => {
		const stars = [...byRow.values()];
		const coloured = stars.filter((s) => s.bv !== null);
		const bright = stars.filter((s) => s.vt < 10.3);
		const share = coloured.length / stars.length;
		const brightShare = bright.filter((s) => s.bv !== null).length / bright.length;
		console.log(`B−V for ${coloured.length} of ${stars.length} stars (${(100 * share).toFixed(1)} %); ${(100 * brightShare).toFixed(2)} % of the ${bright.length} with VT < 10.3`);
		expect(built.index.coloured).toBe(coloured.length);
		expect(share).toBeGreaterThan(0.4);
		expect(brightShare).toBeGreaterThan(0.99);
		// Past V 10.5 only Hipparcos's few faint stars can match: many colours there would be wrong matches.
		const faint = stars.filter((s) => s.vt > 11);
		const faintShare = faint.filter((s) => s.bv !== null).length / faint.length;
		console.log(`${(100 * faintShare).toFixed(2)} % of the ${faint.length} with VT > 11 have B−V`);
		expect(faintShare).toBeLessThan(0.02);
		// Field stars to V 10 are mostly F–K dwarfs and K giants: median B−V near 0.6–0.9, few bluer than 0.
		const bvs = coloured.map((s) => s.bv!).sort((a, b) => a - b);
		expect(bvs[bvs.length >> 1]).toBeGreaterThan(0.5);
		expect(bvs[bvs.length >> 1]).toBeLessThan(1);
		expect(bvs.filter((v) => v < 0).length / bvs.length).toBeLessThan(0.05);
	});

	it('is what static/catalog/ holds: the committed tiles equal a fresh build, byte for byte', () => {
		expect(readFileSync(join(CATALOG_DIR, 'index.json'), 'utf8')).toBe(catalogIndexText(built.index));
		const committed = readdirSync(join(CATALOG_DIR, 'tiles')).sort();
		expect(committed).toEqual([...built.tiles.keys()].map((p) => tilePath(p).slice('tiles/'.length)).sort());
		for (const [pixel, bytes] of built.tiles) {
			expect(Buffer.from(readFileSync(join(CATALOG_DIR, tilePath(pixel)))).equals(Buffer.from(bytes)), `tile ${pixel}`).toBe(true);
		}
	});

	it('finds around M 94 (0.6°) exactly the stars astropy finds: 14, VT 8.8–12.4', async () => {
		const found = await coneSearch(diskCatalogSource(CATALOG_DIR), M94.ra, M94.dec, M94.radius);
		expect(found.map((s) => s.row).sort((a, b) => a - b)).toEqual(reference.cone);
		expect(found).toHaveLength(14);
		const vts = found.map((s) => s.vt);
		expect(Math.min(...vts)).toBeGreaterThan(8.7);
		expect(Math.max(...vts)).toBeLessThan(12.5);
	});
});
