/**
 * One catalogue tile as bytes, all little-endian:
 *
 *   0  'CSKT'  magic
 *   4  u8      format version (2)
 *   5  u8      0
 *   6  u16     HEALPix nside of the tiling
 *   8  u32     the tile's RING pixel
 *  12  u32     n, the number of stars
 *  16  n × 15 bytes, one star each, in index-row order:
 *        u32 RA in milliarcseconds (0 ≤ RA < 1,296,000,000)
 *        i32 Dec in milliarcseconds
 *        i16 VT magnitude in millimag
 *        u32 index row
 *        u8  B−V as Stellarium's index (B−V = i × 4/127 − 0.5, 0..127; 255: no colour)
 *
 * Milliarcseconds keep positions to 0.0005″, well inside the 0.01″ a solver could use; absolute
 * values cost no more than tile-relative ones, since a 3.7° tile's offsets need over 16 bits anyway.
 * Version 1 (no B−V) is refused with a message to rebuild: nothing but this repository writes tiles.
 */
import { bvOfIndex } from './stellarium/star-file';
import type { CatalogStar } from './types';

export const TILE_MAGIC = 'CSKT';
export const TILE_VERSION = 2;
export const TILE_HEADER_BYTES = 16;
export const STAR_BYTES = 15;
/** The B−V byte of a star with no colour. */
export const NO_COLOUR = 255;
/** Milliarcseconds in a degree. */
const MAS = 3_600_000;
const FULL_CIRCLE_MAS = 360 * MAS;

export interface CatalogTile {
	nside: number;
	pixel: number;
	stars: CatalogStar[];
}

/** A position or magnitude as the tiles keep it; encode → decode returns exactly these values. */
export function quantiseStar(star: CatalogStar): CatalogStar {
	return { ra: raMas(star.ra) / MAS, dec: decMas(star.dec) / MAS, vt: millimag(star.vt) / 1000, row: star.row, bv: bvOf(bvIndex(star.bv)) };
}

export function encodeTile(tile: CatalogTile): Uint8Array {
	const bytes = new Uint8Array(TILE_HEADER_BYTES + tile.stars.length * STAR_BYTES);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < 4; i++) bytes[i] = TILE_MAGIC.charCodeAt(i);
	view.setUint8(4, TILE_VERSION);
	view.setUint16(6, tile.nside, true);
	view.setUint32(8, tile.pixel, true);
	view.setUint32(12, tile.stars.length, true);
	tile.stars.forEach((star, i) => {
		const at = TILE_HEADER_BYTES + i * STAR_BYTES;
		if (!Number.isInteger(star.row) || star.row < 0 || star.row > 0xffffffff) throw new RangeError(`index row ${star.row} does not fit a u32`);
		view.setUint32(at, raMas(star.ra), true);
		view.setInt32(at + 4, decMas(star.dec), true);
		view.setInt16(at + 8, millimag(star.vt), true);
		view.setUint32(at + 10, star.row, true);
		view.setUint8(at + 14, bvIndex(star.bv));
	});
	return bytes;
}

/** Reads a tile, checking the magic, version, length and every value's range before use. */
export function decodeTile(bytes: Uint8Array): CatalogTile {
	if (bytes.length < TILE_HEADER_BYTES) throw new Error(`a catalogue tile is at least ${TILE_HEADER_BYTES} bytes; this one is ${bytes.length}`);
	const magic = String.fromCharCode(...bytes.subarray(0, 4));
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (magic !== TILE_MAGIC) throw new Error(`not a catalogue tile (magic '${magic}')`);
	if (view.getUint8(4) !== TILE_VERSION) {
		throw new Error(`a catalogue tile of version ${view.getUint8(4)}; version ${TILE_VERSION} (with B−V) is read: rebuild with npm run catalog`);
	}
	const nside = view.getUint16(6, true);
	const pixel = view.getUint32(8, true);
	const count = view.getUint32(12, true);
	if (bytes.length !== TILE_HEADER_BYTES + count * STAR_BYTES) {
		throw new Error(`the tile says ${count} stars (${TILE_HEADER_BYTES + count * STAR_BYTES} bytes) but is ${bytes.length} bytes`);
	}
	if (nside < 1 || pixel >= 12 * nside * nside) throw new Error(`pixel ${pixel} does not exist at nside ${nside}`);
	const stars: CatalogStar[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const at = TILE_HEADER_BYTES + i * STAR_BYTES;
		const ra = view.getUint32(at, true);
		const dec = view.getInt32(at + 4, true);
		if (ra >= FULL_CIRCLE_MAS || Math.abs(dec) > 90 * MAS) throw new Error(`star ${i} of tile ${pixel} is not a sky position (${ra}, ${dec} mas)`);
		const colour = view.getUint8(at + 14);
		if (colour > 127 && colour !== NO_COLOUR) throw new Error(`star ${i} of tile ${pixel} has B−V byte ${colour}`);
		stars[i] = { ra: ra / MAS, dec: dec / MAS, vt: view.getInt16(at + 8, true) / 1000, row: view.getUint32(at + 10, true), bv: bvOf(colour) };
	}
	return { nside, pixel, stars };
}

function raMas(ra: number): number {
	const mas = Math.round(ra * MAS) % FULL_CIRCLE_MAS;
	return mas < 0 ? mas + FULL_CIRCLE_MAS : mas;
}

function decMas(dec: number): number {
	if (!(Math.abs(dec) <= 90)) throw new RangeError(`Dec ${dec} is not in [-90, 90]`);
	return Math.round(dec * MAS);
}

function millimag(vt: number): number {
	const mm = Math.round(vt * 1000);
	if (!(mm >= -32768 && mm <= 32767)) throw new RangeError(`VT ${vt} does not fit int16 millimag`);
	return mm;
}

/** Stellarium's B−V index nearest `bv` (clamped to −0.5..3.5), NO_COLOUR for null. */
function bvIndex(bv: number | null): number {
	if (bv === null) return NO_COLOUR;
	if (!Number.isFinite(bv)) throw new RangeError(`B−V ${bv} is not a number`);
	return Math.min(127, Math.max(0, Math.round(((bv + 0.5) * 127) / 4)));
}

function bvOf(index: number): number | null {
	return index === NO_COLOUR ? null : bvOfIndex(index);
}
