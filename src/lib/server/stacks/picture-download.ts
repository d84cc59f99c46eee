import { downloadName } from '$lib/api/stacks';
import { ApiError } from '$lib/server/http';
import { ByteLru } from '$lib/util/byte-lru';
import { InFlight } from '$lib/util/in-flight';
import { bytesResponse, fileResponse } from './file-response';
import { storedPicture } from './picture';
import { pictureJpeg } from './picture-jpeg';
import type { StackRow } from './stack-row';
import { storedBytes } from './stored-bytes';
import { stackFileName } from './summary';

/** `png`: the stored 16-bit picture; `jpeg`: the same, 8-bit baseline JPEG. */
export type PictureFormat = 'png' | 'jpeg';

/** A JPEG costs ~0.3-0.5 s of CPU and is ~0.2-2 MB: kept, so a gallery of shares does not remake them. */
const JPEG_CACHE_BYTES = 32 * 1024 * 1024;
const jpegs = new ByteLru<string>(JPEG_CACHE_BYTES);
const encoding = new InFlight<string, Uint8Array>();

/** `?format=` of a picture download: absent or empty is png. 400 for anything else. */
export function parsePictureFormat(value: string | null): PictureFormat {
	if (value === null || value === '' || value === 'png') return 'png';
	if (value === 'jpeg' || value === 'jpg') return 'jpeg';
	throw new ApiError(400, `format ${JSON.stringify(value)} is not known: png (16-bit, the default) or jpeg`);
}

/** The stack's picture as an attachment: `{object}_{chunk_key}-picture.png` or `…-picture.jpg`. */
export async function pictureDownload(row: StackRow, format: PictureFormat): Promise<Response> {
	const path = await storedPicture(row);
	const fits = stackFileName({ object: row.objectName, chunkKey: row.chunkKey });
	if (format === 'png') return fileResponse(path, 'image/png', downloadName(fits, 'picture', 'png'));
	const bytes = jpegs.get(path) ?? (await encoding.get(path, async () => {
		const jpeg = pictureJpeg(await storedBytes(path));
		jpegs.set(path, jpeg);
		return jpeg;
	}));
	return bytesResponse(bytes, 'image/jpeg', downloadName(fits, 'picture', 'jpg'));
}
