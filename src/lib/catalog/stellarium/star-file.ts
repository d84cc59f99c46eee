/**
 * Reads Stellarium's binary star files (`stars_L_TvM_m.cat`, Debian's stellarium-data, format
 * major version 0): a 32-byte header of eight little-endian u32 (magic 0x835f040a, record type,
 * major, minor, zone level, magnitude minimum in millimag, range and steps), a u32 star count per
 * zone (zones.ts), then the stars zone by zone in fixed-size records:
 *   type 0, 28 bytes (Hipparcos): i32 x0 at 4, i32 x1 at 8, u8 B−V index at 12, u8 magnitude step at 13;
 *   type 1, 10 bytes (Tycho-2): bit fields from the low bit up, x0:20 x1:20 dx0:14 dx1:14 bv:7 mag:5;
 *   type 2, 6 bytes: x0:18 x1:18 bv:7 mag:5.
 * x0, x1 are signed offsets along the zone's axes (full scale: the file's widest zone); the J2000
 * position is read at epoch J2000 (no proper motion applied). B−V = index × 4/127 − 0.5.
 */
import { zoneCount, zoneGrid, type Vec3 } from './zones';

export const STELLARIUM_MAGIC = 0x835f040a;
const HEADER_BYTES = 32;
const DEG = 180 / Math.PI;

interface RecordType {
	bytes: number;
	/** The largest offset the record's x0/x1 hold. */
	maxPos: number;
	read(view: DataView, at: number): { x0: number; x1: number; bv: number; mag: number };
}

const RECORDS: RecordType[] = [
	{ bytes: 28, maxPos: 0x7fffffff, read: (v, at) => ({ x0: v.getInt32(at + 4, true), x1: v.getInt32(at + 8, true), bv: v.getUint8(at + 12), mag: v.getUint8(at + 13) }) },
	{
		bytes: 10,
		maxPos: (1 << 19) - 1,
		read: (v, at) => ({ x0: signed(bits(v, at, 0, 20), 20), x1: signed(bits(v, at, 20, 20), 20), bv: bits(v, at, 68, 7), mag: bits(v, at, 75, 5) })
	},
	{
		bytes: 6,
		maxPos: (1 << 17) - 1,
		read: (v, at) => ({ x0: signed(bits(v, at, 0, 18), 18), x1: signed(bits(v, at, 18, 18), 18), bv: bits(v, at, 36, 7), mag: bits(v, at, 43, 5) })
	}
];

export interface StellariumStars {
	/** Record type: 0 Hipparcos (28 bytes), 1 and 2 Tycho-2 (10 and 6 bytes). */
	type: number;
	level: number;
	count: number;
	/** J2000, degrees, RA in [0, 360). */
	ra: Float64Array;
	dec: Float64Array;
	/** V magnitude, to the file's magnitude step. */
	mag: Float32Array;
	/** Stellarium's B−V index (bvOfIndex). */
	bvIndex: Uint8Array;
}

/** B−V, magnitudes, of a Stellarium B−V index (0 → −0.5, 127 → 3.5). */
export function bvOfIndex(index: number): number {
	return (index * 4) / 127 - 0.5;
}

/** Every star of a file, checked: magic, record type, version, level and that the sizes add up. */
export function readStellariumStars(bytes: Uint8Array): StellariumStars {
	if (bytes.length < HEADER_BYTES) throw new Error(`a Stellarium star file has a ${HEADER_BYTES}-byte header; this file is ${bytes.length} bytes`);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const [magic, type, major, , level, magMin, magRange, magSteps] = Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4, true));
	if (magic !== STELLARIUM_MAGIC) {
		const hex = magic.toString(16).padStart(8, '0');
		throw new Error(`not a little-endian Stellarium star file: magic 0x${hex}, expected 0x${STELLARIUM_MAGIC.toString(16)}`);
	}
	const record = RECORDS[type];
	if (!record) throw new Error(`unknown star record type ${type}; types 0, 1 and 2 exist`);
	if (major !== 0) throw new Error(`star file format version ${major} is not read; version 0 is`);
	if (level > 7) throw new Error(`zone level ${level} is not in 0..7`);
	if (magSteps === 0) throw new Error('the file declares 0 magnitude steps');
	const zones = zoneCount(level);
	const tableEnd = HEADER_BYTES + 4 * zones;
	if (bytes.length < tableEnd) throw new Error(`${zones} zones need a ${tableEnd}-byte header and table; the file is ${bytes.length} bytes`);
	const sizes = Array.from({ length: zones }, (_, z) => view.getUint32(HEADER_BYTES + 4 * z, true));
	const count = sizes.reduce((a, b) => a + b, 0);
	if (bytes.length !== tableEnd + count * record.bytes) {
		throw new Error(`the zones hold ${count} stars of ${record.bytes} bytes (${tableEnd + count * record.bytes} bytes in all) but the file is ${bytes.length} bytes`);
	}
	const grid = zoneGrid(level);
	const scale = grid.extent / record.maxPos;
	const magStep = magRange / magSteps;
	// magMin is a signed millimag (−2000 for the brightest file).
	const magZero = magMin | 0;
	const out: StellariumStars = { type, level, count, ra: new Float64Array(count), dec: new Float64Array(count), mag: new Float32Array(count), bvIndex: new Uint8Array(count) };
	let star = 0;
	for (let z = 0; z < zones; z++) {
		const { center, axis0, axis1 } = grid.zones[z];
		for (let k = 0; k < sizes[z]; k++, star++) {
			const s = record.read(view, tableEnd + star * record.bytes);
			const u = s.x0 * scale;
			const w = s.x1 * scale;
			const p: Vec3 = [center[0] + u * axis0[0] + w * axis1[0], center[1] + u * axis0[1] + w * axis1[1], center[2] + u * axis0[2] + w * axis1[2]];
			const ra = Math.atan2(p[1], p[0]) * DEG;
			out.ra[star] = ra < 0 ? ra + 360 : ra;
			out.dec[star] = Math.atan2(p[2], Math.hypot(p[0], p[1])) * DEG;
			out.mag[star] = (magZero + s.mag * magStep) / 1000;
			out.bvIndex[star] = s.bv;
		}
	}
	return out;
}

/** `count` bits (at most 25) of a record from bit `start`, low bit first. */
function bits(view: DataView, at: number, start: number, count: number): number {
	const first = start >> 3;
	const last = (start + count - 1) >> 3;
	let value = 0;
	for (let b = last; b >= first; b--) value = value * 256 + view.getUint8(at + b);
	return Math.floor(value / 2 ** (start & 7)) % 2 ** count;
}

function signed(value: number, width: number): number {
	return value >= 2 ** (width - 1) ? value - 2 ** width : value;
}
