import { Readable } from 'node:stream';
import { getDb } from '$lib/server/db';
import { rawStorage, StorageError, StorageNotFound } from '$lib/server/storage';
import { type Caller, ApiError } from '$lib/server/http';
import { failJob } from './fail-job';
import { requireHeldJob } from './held-job';
import { jobFrame } from './job-frames';
import { frameMissing } from './refusals';
import { scrubbedChunks } from '$lib/fits';
import { servedName } from './job-files';
import { sessionScrubbing } from './telescope-pseudonym';

/**
 * One frame of a held job for download, under its served name: a web stream of its bytes scrubbed
 * for volunteers (same length as stored). A file id that is not one of the job's frames is a 404; a
 * frame gone from storage fails the attempt (409: the lease is over), as at the claim.
 */
export async function openJobFile(
	caller: Caller,
	jobId: number,
	fileId: number,
	leaseToken: string | null
): Promise<{ name: string; size: number; body: ReadableStream<Uint8Array> }> {
	const db = getDb();
	const job = await requireHeldJob(db, caller, jobId, leaseToken);
	const frame = await jobFrame(db, job, fileId);
	if (!frame) throw new ApiError(404, `file ${fileId} is not one of job ${jobId}'s frames`);
	const scrub = await sessionScrubbing(db, job.uploadSessionId);
	let source: Readable;
	try {
		source = await rawStorage().read(frame.storagePath);
	} catch (error) {
		if (error instanceof StorageNotFound) {
			await failJob(caller, jobId, leaseToken, frameMissing(error), { byServer: true });
			throw new ApiError(409, `file ${fileId} of job ${jobId} is missing from storage: the attempt failed and the job went back to the queue`);
		}
		if (error instanceof StorageError) throw new ApiError(503, `the frame store is unavailable (${error.message}); try again shortly`);
		throw error;
	}
	const body = Readable.toWeb(Readable.from(scrubbedChunks(source, scrub))) as ReadableStream<Uint8Array>;
	return { name: servedName(frame), size: frame.fileSizeBytes, body };
}
