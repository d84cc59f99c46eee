import type { FieldObject, StackSolution } from '$lib/api/stacks';
import { FitsError, parseHeader, type FitsHeader } from '$lib/fits';
import { walkHdus } from '$lib/fits/read';
import { objectsInField } from '$lib/objects';
import { OBJECTS } from '$lib/objects/catalogue';
import { readSolution, type HeaderSolution } from '$lib/solve';
import { stackStorage, StorageNotFound } from '$lib/server/storage';
import { pixelScale, skyToPixel, type Wcs } from '$lib/wcs';
import type { StackRow } from './stack-row';

/** Read from the start of a stack: its primary header and the next (RED's, in CrowdSky's layout) fit in far less. */
const HEADER_BYTES = 64 * 1024;

/**
 * The solution of a stored stack, from its file's primary header (read by range), and the
 * catalogued objects in its picture. A missing file or a header that cannot be read counts as not tried.
 */
export async function stackSolution(row: StackRow): Promise<StackSolution> {
	const bytes = await stackStorage()
		.readRange(row.storagePath, 0, Math.min(row.fileSizeBytes, HEADER_BYTES))
		.catch((error) => {
			if (error instanceof StorageNotFound) return null;
			throw error;
		});
	if (!bytes) return { state: 'untried' };
	let header: FitsHeader;
	let size: { width: number; height: number } | null;
	try {
		header = parseHeader(bytes).header;
		size = imageSize(bytes, row.fileSizeBytes);
	} catch (error) {
		if (error instanceof FitsError) return { state: 'untried' };
		throw error;
	}
	if (!size) return { state: 'untried' };
	return toWire(readSolution(header, size.width, size.height), size.width, size.height);
}

/** The first image's size: the primary's (a telescope stack) or the first extension's (RED in CrowdSky's layout). */
function imageSize(bytes: Uint8Array, fileSize: number): { width: number; height: number } | null {
	for (const hdu of walkHdus(bytes, fileSize)) {
		const [naxis, width, height] = ['NAXIS', 'NAXIS1', 'NAXIS2'].map((key) => hdu.header.number(key) ?? 0);
		if (naxis >= 2 && width > 0 && height > 0) return { width, height };
		if (hdu.index >= 1) break;
	}
	return null;
}

function toWire(solution: HeaderSolution, width: number, height: number): StackSolution {
	if (solution.state !== 'solved') return solution;
	const { wcs, centre, rotation, scale, parity, matches, rmsArcsec } = solution;
	return { state: 'solved', width, height, wcs, centre, rotation, scale, parity, matches, rmsArcsec, objects: fieldObjects(wcs, width, height, centre) };
}

/** Objects within the picture: those within its half-diagonal of the centre whose pixel lies on it. */
function fieldObjects(wcs: Wcs, width: number, height: number, centre: { ra: number; dec: number }): FieldObject[] {
	const radius = (Math.hypot(width, height) / 2) * (pixelScale(wcs) / 3600);
	const out: FieldObject[] = [];
	for (const o of objectsInField(OBJECTS, centre.ra, centre.dec, radius)) {
		const p = skyToPixel(wcs, o.ra, o.dec);
		if (!p || p.x < 0.5 || p.y < 0.5 || p.x > width + 0.5 || p.y > height + 0.5) continue;
		out.push({ ids: o.ids, names: o.names, type: o.type, ra: o.ra, dec: o.dec, x: p.x, y: p.y, major: o.major });
	}
	return out;
}
