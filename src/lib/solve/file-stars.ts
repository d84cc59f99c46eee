import { decodeToFloat32, FitsError, FitsHeader, readHdus, readImageHdu, type Hdu } from '../fits';
import type { Point } from '../stacking/match';
import type { KernelPool } from '../stacking/pool/types';

/** What a FITS file offers a solver: its stars (0-based pixel centres), its size, its primary header. */
export interface FileStars {
	/** 'crowdsky': a CrowdSky stack (STAR-TAB); 'raw': one camera frame (Bayer mosaic); 'telescope': a stack made elsewhere (planes). */
	kind: 'crowdsky' | 'raw' | 'telescope';
	header: FitsHeader;
	width: number;
	height: number;
	stars: Point[];
}

/** Stars the kernel keeps from a telescope stack's luminance: plenty for the solver's brightest 200. */
const PLANE_MAX_STARS = 500;

/**
 * The stars of a FITS file, found the way each kind is best read: a CrowdSky stack's own STAR-TAB
 * (its planes' luminance when it has none), a raw frame through the kernel's frame analysis
 * (decode, demosaic, detect), a telescope stack (a 3-plane cube or one plane) through the
 * kernel's plane analysis of its luminance.
 */
export async function fileStars(pool: KernelPool, bytes: Uint8Array): Promise<FileStars> {
	const hdus = readHdus(bytes);
	const primary = hdus[0];
	const header = primary.header;
	if (primary.dataLength === 0) return crowdskyStars(pool, bytes, hdus);
	const naxis = header.number('NAXIS');
	const depth = naxis === 3 ? header.number('NAXIS3') : 1;
	if (!(naxis === 2 || naxis === 3) || !(depth === 1 || depth === 3)) {
		throw new FitsError('NO_IMAGE', `the primary image has NAXIS = ${naxis}${naxis === 3 ? ` and NAXIS3 = ${depth}` : ''}; a frame or a stack of 1 or 3 planes is solved`);
	}
	const image = readImageHdu(bytes, firstPlane(primary), 'PRIMARY');
	const { width, height } = image;
	const raw = image.bayer !== null && depth === 1 && !header.has('STACKCNT') && !header.has('NIMAGES');
	if (raw) {
		const { data, bitpix, bzero, bscale, bayer } = image;
		const analysis = await pool.analyse({ data, y0: 0, rows: height, width, height, bitpix, bzero, bscale, bayer });
		return { kind: 'raw', header, width, height, stars: analysis.stars };
	}
	const planeBytes = image.rowBytes * height;
	if (primary.dataOffset + depth * planeBytes > bytes.length) throw new FitsError('TRUNCATED', `the file is truncated: ${depth} planes of ${width} x ${height} do not fit`);
	const planes = Array.from({ length: depth }, (_, i) =>
		decodeToFloat32({ ...image, data: bytes.subarray(primary.dataOffset + i * planeBytes, primary.dataOffset + (i + 1) * planeBytes) })
	);
	const analysis = await pool.analysePlane(luminance(planes), width, height, { maxStars: PLANE_MAX_STARS });
	return { kind: 'telescope', header, width, height, stars: analysis.stars };
}

/** The first plane of a primary image as a 2-D image (NAXIS3 dropped) so the image reader takes it. */
function firstPlane(primary: Hdu): Hdu {
	if (primary.header.number('NAXIS') === 2) return primary;
	const cards = primary.header.cards.filter((c) => c.key !== 'NAXIS3').map((c) => (c.key === 'NAXIS' ? { ...c, value: 2 } : c));
	return { ...primary, header: new FitsHeader(cards) };
}

/** Mean of the planes; pixels that are not finite (uncovered) become the median so no edge looks like a star. */
function luminance(planes: Float32Array[]): Float32Array {
	const out = new Float32Array(planes[0].length);
	for (let i = 0; i < out.length; i++) {
		let sum = 0;
		for (const plane of planes) sum += plane[i];
		out[i] = sum / planes.length;
	}
	const sample: number[] = [];
	for (let i = 0; i < out.length; i += 97) if (Number.isFinite(out[i])) sample.push(out[i]);
	sample.sort((a, b) => a - b);
	const fill = sample.length > 0 ? sample[sample.length >> 1] : 0;
	for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) out[i] = fill;
	return out;
}

/**
 * A stack in CrowdSky's layout: its STAR-TAB (x, y, flux: big-endian float32, written first) when
 * it has one, else the kernel's plane analysis of the luminance of RED, GREEN and BLUE.
 */
async function crowdskyStars(pool: KernelPool, bytes: Uint8Array, hdus: Hdu[]): Promise<FileStars> {
	const header = hdus[0].header;
	const byName = new Map(hdus.slice(1).map((hdu) => [hdu.header.string('EXTNAME')?.toUpperCase() ?? '', hdu]));
	const colours = ['RED', 'GREEN', 'BLUE'].map((name) => byName.get(name));
	if (colours.some((hdu) => hdu === undefined)) {
		throw new FitsError('NO_IMAGE', 'the primary HDU is empty and there are no RED, GREEN and BLUE images: neither a stack nor a frame');
	}
	const images = colours.map((hdu, i) => readImageHdu(bytes, hdu!, ['RED', 'GREEN', 'BLUE'][i]));
	const { width, height } = images[0];
	if (images.some((image) => image.width !== width || image.height !== height)) throw new FitsError('NO_IMAGE', 'RED, GREEN and BLUE differ in size');
	const table = byName.get('STAR-TAB');
	if (!table) {
		const analysis = await pool.analysePlane(luminance(images.map(decodeToFloat32)), width, height, { maxStars: PLANE_MAX_STARS });
		return { kind: 'crowdsky', header, width, height, stars: analysis.stars };
	}
	const columns = [1, 2, 3].map((i) => [table.header.string(`TTYPE${i}`), table.header.string(`TFORM${i}`)].join(' '));
	if (columns.join(', ') !== 'x E, y E, flux E') {
		throw new FitsError('NO_IMAGE', `STAR-TAB starts with columns ${columns.join(', ')}; expected x E, y E, flux E`);
	}
	const rowBytes = table.header.number('NAXIS1') ?? 0;
	const rows = table.header.number('NAXIS2') ?? 0;
	if (rowBytes < 12 || table.dataOffset + rowBytes * rows > bytes.length) throw new FitsError('TRUNCATED', 'STAR-TAB is shorter than its header says');
	const view = new DataView(bytes.buffer, bytes.byteOffset + table.dataOffset, rowBytes * rows);
	const stars = Array.from({ length: rows }, (_, r) => ({
		x: view.getFloat32(r * rowBytes, false),
		y: view.getFloat32(r * rowBytes + 4, false),
		flux: view.getFloat32(r * rowBytes + 8, false)
	}));
	return { kind: 'crowdsky', header, width, height, stars };
}
