import { downloadName } from '$lib/api/stacks';
import { ApiError } from '$lib/server/http';
import { fileResponse, streamedResponse } from './file-response';
import { rgbCube } from './rgb-cube';
import type { StackRow } from './stack-row';
import { stackFileName } from './summary';

/** `crowdsky`: the stored file (empty PRIMARY + RED, GREEN, BLUE, FOOTPRINT, STAR-TAB); `cube`: one RGB image, NAXIS3 = 3. */
export type FitsLayout = 'crowdsky' | 'cube';

/** `?layout=` of a FITS download: absent or empty is the stored layout. 400 for anything else. */
export function parseFitsLayout(value: string | null): FitsLayout {
	if (value === null || value === '' || value === 'crowdsky') return 'crowdsky';
	if (value === 'cube') return 'cube';
	throw new ApiError(
		400,
		`layout ${JSON.stringify(value)} is not known: crowdsky (the stored CrowdSky FITS, the default) or cube (one RGB image, NAXIS3 = 3, for Siril, PixInsight and DeepSkyStacker)`
	);
}

/**
 * The stack's FITS in `layout`, as an attachment: `{object}_{chunk_key}.fits` or `…-rgb.fits`.
 * `transform` (length-keeping, e.g. scrubbing the site for a share link) applies to either.
 */
export async function fitsDownload(
	row: StackRow,
	layout: FitsLayout,
	transform?: (source: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>
): Promise<Response> {
	const name = stackFileName({ object: row.objectName, chunkKey: row.chunkKey });
	if (layout === 'crowdsky') return fileResponse(row.storagePath, 'application/fits', name, transform);
	return streamedResponse(await rgbCube(row.storagePath), 'application/fits', downloadName(name, 'rgb', 'fits'), transform);
}
