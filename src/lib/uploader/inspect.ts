/**
 * What the browser checks before a byte is sent: extension, size, and a header with a usable
 * DATE-OBS, reading only the header blocks (File.slice inside readFrameHeader).
 */
import { MAX_FILE_BYTES } from '$lib/api/uploads';
import { frameInfoFromHeader, readFrameHeader, type FrameInfo } from '$lib/chunks';
import { formatMb } from '$lib/format';
import { errorMessage } from '$lib/util/error-message';

const EXTENSION = /\.fits?$/i;

export type Inspection = { ok: true; frame: FrameInfo } | { ok: false; reason: string };

/** Reasons that need no reading, so a folder full of JPEGs is sorted out at once. */
export function quickReject(name: string, size: number): string | null {
	if (!EXTENSION.test(name)) return 'not a .fit or .fits file';
	if (size === 0) return 'empty file';
	if (size > MAX_FILE_BYTES) return `${formatMb(size)} is over the ${formatMb(MAX_FILE_BYTES)} limit per file`;
	return null;
}

export async function inspectFile(file: File): Promise<Inspection> {
	const quick = quickReject(file.name, file.size);
	if (quick) return { ok: false, reason: quick };
	try {
		const read = await readFrameHeader(file);
		if ('reason' in read) return { ok: false, reason: read.reason };
		return frameInfoFromHeader(read.header, file.name, file.size);
	} catch (error) {
		return { ok: false, reason: `unreadable: ${errorMessage(error)}` };
	}
}
