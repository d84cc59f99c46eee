import { randomBytes } from 'node:crypto';
import { chunkKey } from '$lib/chunks';
import { parseHeader, scrubLocation as blankLocation } from '$lib/fits';
import { overQuota } from '$lib/api/quota';
import { getDb, storageUse } from '$lib/server/db';
import { ApiError } from '$lib/server/http';
import { solveStack } from '$lib/server/solve';
import { readStackPlanes } from '$lib/server/stacks';
import { stackColourStars } from '$lib/server/stacks/colour-stars';
import { stackStorage, telescopeStackPaths } from '$lib/server/storage';
import { insertStack } from './insert-stack';
import { deleteQuietly, storeObjects } from './store-objects';
import { telescopeFacts } from './telescope-facts';
import type { TelescopeMeta } from './telescope-request';
import { makePictureFiles } from './thumbnail';

/**
 * A stack made on the telescope joins the catalogue like a stacked one, with no job: checked and
 * read, its location blanked if asked, plate-solved (the WCS goes into the stored file), its picture
 * and thumbnail made, all stored, then the stacked_frames row
 * (source 'telescope') recorded with the owner's storage use; a failed record removes what it
 * stored. Refused (422) when it is not a stack CrowdSky can read, 413 when it would take the owner
 * over their storage quota (before anything is stored); 503 when storage is down.
 */
export async function addTelescopeStack(userId: number, original: Uint8Array, meta: TelescopeMeta): Promise<{ id: number }> {
	const scrubbed = meta.scrubLocation ? original.slice() : original;
	const planes = readStackPlanes(scrubbed);
	if (meta.scrubLocation) blankLocation(scrubbed);
	const facts = telescopeFacts(planes, meta);
	// Solved here, in the request: a solve takes well under a second and the file is in memory, so
	// the row is born with its solution and no job is needed. Unsolved is recorded, never refused.
	const { bytes, columns } = await solveStack(scrubbed);
	// The picture after the solve: its WCS places the catalogue's stars for the colour calibration.
	const colourStars = await stackColourStars(parseHeader(bytes).header, planes.width, planes.height);
	const { picture, thumbnail: png } = makePictureFiles({ ...planes, colourStars });
	const refusal = overQuota(await storageUse(getDb(), userId), bytes.length + png.length, 'This stack');
	if (refusal) throw new ApiError(413, refusal);
	const key = chunkKey(facts.start.getTime(), 15, facts.ra, facts.dec);
	const paths = telescopeStackPaths(userId, randomBytes(8).toString('hex'), key);
	const storage = stackStorage();
	await storeObjects(
		storage,
		[
			{ path: paths.fits, bytes },
			{ path: paths.png, bytes: png },
			{ path: paths.picture, bytes: picture }
		],
		'try again shortly'
	);
	try {
		const stack = {
			stackingJobId: null,
			userId,
			objectName: facts.object,
			chunkKey: key,
			storagePath: paths.fits,
			thumbnailPath: paths.png,
			nFramesInput: facts.input,
			nFramesAligned: facts.aligned,
			totalExptime: facts.exposure,
			dateObsStart: facts.start,
			dateObsEnd: facts.end,
			raDeg: facts.ra,
			decDeg: facts.dec,
			fileSizeBytes: bytes.length,
			telescope: facts.telescope,
			filterName: facts.filter,
			source: 'telescope' as const,
			...columns
		};
		return { id: await getDb().transaction((tx) => insertStack(tx, stack, bytes.length + png.length)) };
	} catch (error) {
		await deleteQuietly(storage, [paths.fits, paths.png, paths.picture]);
		throw error;
	}
}
