import { decodeToFloat32, FitsError, FitsHeader, readHdus, readImageHdu, type Hdu } from '$lib/fits';
import { ApiError } from '$lib/server/http';

/** The colour planes of a stack, linear, in FITS storage order, and the header that describes it. */
export interface StackPlanes {
	/** 'crowdsky': empty PRIMARY + RED/GREEN/BLUE; 'seestar-rgb': a primary 3-plane cube; 'mono': a primary 2-D image. */
	layout: 'crowdsky' | 'seestar-rgb' | 'mono';
	header: FitsHeader;
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
	/** Frames covering each pixel (a CrowdSky stack's FOOTPRINT); null for a stack made on the telescope. */
	footprint: Float32Array | null;
	/** NIMAGES (1 when the header has none). */
	nimages: number;
}

const SUPPORTED =
	'supported: a CrowdSky stack (empty PRIMARY with RED, GREEN, BLUE image extensions) or a stack made on the telescope ' +
	'(a PRIMARY image of 3 colour planes, NAXIS3 = 3, or one 2-D plane)';

/**
 * Reads the planes of a stack FITS, deciding its layout from the headers. Anything else, a raw
 * camera frame (BAYERPAT, no stack count) included, is a 422 that says what is supported.
 */
export function readStackPlanes(bytes: Uint8Array): StackPlanes {
	let hdus: Hdu[];
	try {
		hdus = readHdus(bytes);
	} catch (error) {
		if (error instanceof FitsError) throw new ApiError(422, `not a readable FITS file: ${error.message}`);
		throw error;
	}
	try {
		return planesOf(bytes, hdus);
	} catch (error) {
		if (error instanceof FitsError) throw new ApiError(422, `the FITS image cannot be read: ${error.message}`);
		throw error;
	}
}

function planesOf(bytes: Uint8Array, hdus: Hdu[]): StackPlanes {
	const primary = hdus[0];
	const header = primary.header;
	if (primary.dataLength === 0) {
		const byName = new Map(hdus.slice(1).map((hdu) => [hdu.header.string('EXTNAME')?.trim().toUpperCase() ?? '', hdu]));
		const missing = ['RED', 'GREEN', 'BLUE'].filter((name) => !byName.has(name));
		if (missing.length > 0) throw new ApiError(422, `the PRIMARY HDU is empty and there is no ${missing.join(', ')} extension; ${SUPPORTED}`);
		const [r, g, b] = (['RED', 'GREEN', 'BLUE'] as const).map((name) => readImageHdu(bytes, byName.get(name)!, name));
		if (g.width !== r.width || b.width !== r.width || g.height !== r.height || b.height !== r.height) {
			throw new ApiError(422, `RED, GREEN and BLUE differ in size (${r.width}x${r.height}, ${g.width}x${g.height}, ${b.width}x${b.height})`);
		}
		const footprintHdu = byName.get('FOOTPRINT');
		const footprint = footprintHdu ? decodeToFloat32(readImageHdu(bytes, footprintHdu, 'FOOTPRINT')) : null;
		if (footprint && footprint.length !== r.width * r.height) throw new ApiError(422, 'FOOTPRINT differs in size from RED, GREEN and BLUE');
		return {
			layout: 'crowdsky',
			header,
			width: r.width,
			height: r.height,
			r: decodeToFloat32(r),
			g: decodeToFloat32(g),
			b: decodeToFloat32(b),
			footprint,
			nimages: nimagesOf(header)
		};
	}
	const axes = [header.number('NAXIS1'), header.number('NAXIS2'), header.number('NAXIS3')];
	const naxis = header.number('NAXIS');
	if (naxis === 3 && axes[2] === 3) return cube(bytes, primary);
	if (naxis === 2 || (naxis === 3 && axes[2] === 1)) {
		if (header.has('BAYERPAT') && !header.has('STACKCNT') && !header.has('NIMAGES')) {
			throw new ApiError(422, 'this is a single raw camera frame (BAYERPAT, no STACKCNT or NIMAGES): upload raw frames on the Upload page instead');
		}
		const image = readImageHdu(bytes, primary, 'PRIMARY');
		const plane = decodeToFloat32(image);
		return { layout: 'mono', header, width: image.width, height: image.height, r: plane, g: plane, b: plane, footprint: null, nimages: nimagesOf(header) };
	}
	throw new ApiError(422, `the PRIMARY image has NAXIS = ${naxis} (${axes.filter((a) => a !== undefined).join(' x ')}); ${SUPPORTED}`);
}

/** A 3-plane cube: the image reader takes 2-D images, so each plane is read as one at its offset. */
function cube(bytes: Uint8Array, primary: Hdu): StackPlanes {
	const header = primary.header;
	const asPlane = { ...primary, header: withAxes(header) };
	const first = readImageHdu(bytes, asPlane, 'PRIMARY');
	const planeBytes = first.rowBytes * first.height;
	if (primary.dataOffset + 3 * planeBytes > bytes.length) {
		throw new ApiError(422, `the file is truncated: 3 planes of ${first.width} x ${first.height} need ${3 * planeBytes} data bytes`);
	}
	const [r, g, b] = [0, 1, 2].map((i) =>
		decodeToFloat32({ ...first, data: bytes.subarray(primary.dataOffset + i * planeBytes, primary.dataOffset + (i + 1) * planeBytes) })
	);
	return { layout: 'seestar-rgb', header, width: first.width, height: first.height, r, g, b, footprint: null, nimages: nimagesOf(header) };
}

/** The header seen as one 2-D plane (NAXIS = 2, no NAXIS3), so the image reader accepts it. */
function withAxes(header: FitsHeader): FitsHeader {
	const cards = header.cards.filter((c) => c.key !== 'NAXIS3').map((c) => (c.key === 'NAXIS' ? { ...c, value: 2 } : c));
	return new FitsHeader(cards);
}

function nimagesOf(header: FitsHeader): number {
	const n = header.number('NIMAGES');
	return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}
