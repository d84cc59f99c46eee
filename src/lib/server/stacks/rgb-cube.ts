import { BLOCK_BYTES, FitsError, imageHeader, readHeaderRange, type Card, type FitsHeader } from '$lib/fits';
import { declaredDataBytes, paddedLength } from '$lib/fits/size';
import { ApiError } from '$lib/server/http';
import { stackStorage } from '$lib/server/storage';
import { storedFile, type StreamedFile } from './file-response';

/** Bytes read from storage at a time: a plane is 8 MB for a Seestar stack, held never whole. */
const RANGE_BYTES = 1024 * 1024;
const PLANES = ['RED', 'GREEN', 'BLUE'] as const;
/** Cards the cube's own structure decides (writeFits writes them), and those only an extension has. */
const STRUCTURAL = /^(SIMPLE|BITPIX|NAXIS\d*|EXTEND|XTENSION|PCOUNT|GCOUNT|GROUPS|EXTNAME|BZERO|BSCALE|BLANK)$/;

interface Located {
	header: FitsHeader;
	dataStart: number;
	dataBytes: number;
}

/**
 * The stored stack as one primary image of three float32 planes (NAXIS3 = 3: red, green, blue),
 * the layout Siril, PixInsight and DeepSkyStacker open; the CrowdSky FITS (empty PRIMARY and
 * RED/GREEN/BLUE extensions) is the one kept. Header: the PRIMARY's cards (the WCS among them)
 * and the planes' BUNIT. The planes' bytes are copied by range, a megabyte at a time, so NaN and
 * every value stay exact and memory stays flat. A stack made on the telescope already is a
 * primary image and is given as stored.
 */
export async function rgbCube(path: string | null): Promise<StreamedFile> {
	const storage = stackStorage();
	const stat = path ? await storage.stat(path) : null;
	if (!path || !stat) throw new ApiError(404, 'the stack file is no longer stored');
	const read = (start: number, end: number) => storage.readRange(path, start, end);
	const hdus = await locateHdus(read, stat.size);
	if (hdus[0].dataBytes > 0) return storedFile(path);
	const planes = PLANES.map((name) => {
		const hdu = hdus.find((h) => extensionName(h) === name);
		if (!hdu) throw new ApiError(422, `the stack has no ${name} extension, so there is no colour cube to make`);
		return hdu;
	});
	const [red] = planes;
	const width = red.header.number('NAXIS1')!;
	const height = red.header.number('NAXIS2')!;
	for (const [i, plane] of planes.entries()) {
		const h = plane.header;
		if (h.number('BITPIX') !== -32 || h.number('NAXIS') !== 2 || h.number('NAXIS1') !== width || h.number('NAXIS2') !== height || h.has('BZERO') || h.has('BSCALE')) {
			throw new ApiError(422, `the ${PLANES[i]} plane is not a ${width} x ${height} float32 image like RED; the cube needs three alike`);
		}
	}
	const cards = cubeCards(hdus[0].header, red.header);
	const { header, dataBytes } = imageHeader({ kind: 'primary-image', bitpix: -32, width, height, planes: 3, cards });
	return { size: header.length + paddedLength(dataBytes), chunks: cubeChunks(header, planes, dataBytes, read) };
}

const extensionName = (hdu: Located) => hdu.header.string('EXTNAME')?.trim().toUpperCase();

/**
 * The HDUs' headers and where their data lies, read header by header (the data is never read
 * here), until the colour planes are found or the PRIMARY itself holds the image.
 */
async function locateHdus(read: (start: number, end: number) => Promise<Uint8Array>, size: number): Promise<Located[]> {
	const hdus: Located[] = [];
	const found = () => hdus[0].dataBytes > 0 || PLANES.every((name) => hdus.some((h) => extensionName(h) === name));
	try {
		for (let offset = 0; offset < size && !(hdus.length > 0 && found()); ) {
			const { header, end } = await readHeaderRange((start, stop) => read(offset + start, offset + stop), BLOCK_BYTES, offset > 0);
			const dataBytes = Number(declaredDataBytes(header, offset === 0));
			hdus.push({ header, dataStart: offset + end, dataBytes });
			offset += end + paddedLength(dataBytes);
		}
	} catch (error) {
		if (error instanceof FitsError) throw new ApiError(422, `the stored stack cannot be read as FITS: ${error.message}`);
		throw error;
	}
	return hdus;
}

/**
 * The PRIMARY's cards and the plane's (BUNIT), minus structure. A solved stack's WCS carries
 * WCSAXES = 2 (solution-cards.ts), so axis 3, the colour, has no world coordinate.
 */
function cubeCards(primary: FitsHeader, plane: FitsHeader): Card[] {
	const own = (header: FitsHeader) => header.cards.filter((card) => !STRUCTURAL.test(card.key));
	const primaryCards = own(primary);
	const keys = new Set(primaryCards.map((card) => card.key));
	return [
		...primaryCards,
		...own(plane).filter((card) => !keys.has(card.key)),
		{ key: 'COMMENT', value: null, comment: 'planes 1, 2, 3 (NAXIS3): red, green, blue, linear; NaN where no frame covered' }
	];
}

async function* cubeChunks(
	header: Uint8Array,
	planes: Located[],
	dataBytes: number,
	read: (start: number, end: number) => Promise<Uint8Array>
): AsyncGenerator<Uint8Array> {
	yield header;
	for (const plane of planes) {
		for (let at = 0; at < plane.dataBytes; at += RANGE_BYTES) {
			const want = Math.min(RANGE_BYTES, plane.dataBytes - at);
			const bytes = await read(plane.dataStart + at, plane.dataStart + at + want);
			// The length was promised in Content-Length: a file replaced meanwhile must not shorten it silently.
			if (bytes.length !== want) throw new Error(`the stored stack changed while its cube was sent (${bytes.length} of ${want} bytes read)`);
			yield bytes;
		}
	}
	const padding = paddedLength(dataBytes) - dataBytes;
	if (padding > 0) yield new Uint8Array(padding);
}
