import { frameInfoFromHeader, type FrameInfo } from '$lib/chunks';
import { FitsError, readImageLayout } from '$lib/fits';
import { ApiError } from '$lib/server/http';

/**
 * Re-reads what the browser already showed, from the stored bytes' first header: a FITS image
 * whose declared data fits in the `size` bytes received, with a usable DATE-OBS and pointing.
 */
export function readFrame(head: Uint8Array, size: number, name: string): FrameInfo {
	let layout;
	try {
		layout = readImageLayout(head, size);
	} catch (error) {
		if (error instanceof FitsError) throw new ApiError(400, `${name} is not a usable FITS image: ${error.message}`);
		throw error;
	}
	const end = layout.dataOffset + layout.rowBytes * layout.height;
	if (end > size) {
		throw new ApiError(400, `${name} is truncated: its header declares ${end} bytes of image but the file has ${size}`);
	}
	const check = frameInfoFromHeader(layout.header, name, size);
	if (!check.ok) throw new ApiError(400, `${name} cannot be chunked: ${check.reason}`);
	return check.frame;
}
