/**
 * Reads the stars of an astrometry.net index file (the Debian `astrometry-data-tycho2-*` packages)
 * with the project's FITS reader. Each array is a one-column BINTABLE named by its TTYPE1:
 * `kdtree_range_stars` holds seven native-endian doubles (min xyz, max xyz, scale),
 * `kdtree_data_stars` native-endian u32 triples with xyz = min + u32 / scale (unit vectors), and
 * `MAG_VT` a standard (big-endian) float32 per star. The primary header's ENDIAN card says which
 * native order the file was written in; only little-endian files are accepted.
 */
import { readHdus, type Hdu } from '../fits';

export interface IndexStars {
	count: number;
	/** Degrees, RA in [0, 360). */
	ra: Float64Array;
	dec: Float64Array;
	vt: Float32Array;
}

/** `ENDIAN` of a little-endian index: the bytes of u32 0x01020304 as stored. */
const LITTLE_ENDIAN = '04:03:02:01';
const DEG = 180 / Math.PI;

export function readIndexStars(bytes: Uint8Array): IndexStars {
	const hdus = readHdus(bytes);
	const endian = hdus[0].header.string('ENDIAN');
	if (endian !== LITTLE_ENDIAN) {
		throw new Error(`the index file's ENDIAN is ${endian ?? 'missing'}; only little-endian index files (${LITTLE_ENDIAN}) are read`);
	}
	const range = column(bytes, hdus, 'kdtree_range_stars', '8A');
	const data = column(bytes, hdus, 'kdtree_data_stars', '12A');
	const mags = column(bytes, hdus, 'MAG_VT', '1E');
	if (range.rows !== 7) throw new Error(`kdtree_range_stars has ${range.rows} rows; 7 doubles (min xyz, max xyz, scale) are expected`);
	if (mags.rows !== data.rows) throw new Error(`MAG_VT has ${mags.rows} rows but kdtree_data_stars has ${data.rows}`);
	const r = new DataView(bytes.buffer, bytes.byteOffset + range.offset, 56);
	const [min, scale] = [[0, 1, 2].map((i) => r.getFloat64(i * 8, true)), r.getFloat64(48, true)];
	if (!min.every(Number.isFinite) || !(scale > 0)) throw new Error(`kdtree_range_stars is not a valid range (min ${min}, scale ${scale})`);

	const count = data.rows;
	const out: IndexStars = { count, ra: new Float64Array(count), dec: new Float64Array(count), vt: new Float32Array(count) };
	const d = new DataView(bytes.buffer, bytes.byteOffset + data.offset, count * 12);
	const m = new DataView(bytes.buffer, bytes.byteOffset + mags.offset, count * 4);
	for (let i = 0; i < count; i++) {
		const x = min[0] + d.getUint32(i * 12, true) / scale;
		const y = min[1] + d.getUint32(i * 12 + 4, true) / scale;
		const z = min[2] + d.getUint32(i * 12 + 8, true) / scale;
		const ra = Math.atan2(y, x) * DEG;
		out.ra[i] = ra < 0 ? ra + 360 : ra;
		out.dec[i] = Math.atan2(z, Math.hypot(x, y)) * DEG;
		const vt = m.getFloat32(i * 4, false);
		if (!Number.isFinite(vt)) throw new Error(`MAG_VT of row ${i} is ${vt}; every star needs a magnitude`);
		out.vt[i] = vt;
	}
	return out;
}

/** The data of the one-column BINTABLE whose TTYPE1 is `name`, its TFORM1 and row width checked. */
function column(bytes: Uint8Array, hdus: Hdu[], name: string, tform: string): { offset: number; rows: number } {
	const hdu = hdus.find((h) => h.index > 0 && h.header.string('TTYPE1') === name);
	if (!hdu) throw new Error(`the index file has no ${name} table`);
	const h = hdu.header;
	const width = Number.parseInt(tform, 10) * (tform.endsWith('E') ? 4 : 1);
	const rows = h.number('NAXIS2');
	if (h.string('XTENSION') !== 'BINTABLE' || h.number('TFIELDS') !== 1 || h.string('TFORM1') !== tform || h.number('NAXIS1') !== width) {
		throw new Error(`${name} is not a one-column binary table of ${tform} (${width} bytes a row)`);
	}
	if (rows === undefined || !Number.isSafeInteger(rows) || rows * width > hdu.dataLength) throw new Error(`${name} declares ${rows} rows, more than its data holds`);
	return { offset: hdu.dataOffset, rows };
}
