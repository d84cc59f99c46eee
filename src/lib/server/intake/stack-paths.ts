import { storagePath } from '$lib/server/storage';

/** A chunk key as a path segment: the Dec sign '+' is not allowed there, so it is written 'p'. */
function keySegment(chunkKey: string): string {
	return chunkKey.replaceAll('+', 'p');
}

/** Where a job's accepted stack, thumbnail and report go: ids and the chunk key only. */
export function stackPaths(userId: number, jobId: number, chunkKey: string): { fits: string; png: string; report: string } {
	const key = keySegment(chunkKey);
	return {
		fits: storagePath(`user_${userId}`, `job_${jobId}`, `${key}.fits`),
		png: storagePath(`user_${userId}`, `job_${jobId}`, `${key}.png`),
		report: storagePath(`user_${userId}`, `job_${jobId}`, `${key}.json`)
	};
}

/** Where a stack made on the telescope and its thumbnail go: no job, so a random token keeps uploads apart. */
export function telescopeStackPaths(userId: number, token: string, chunkKey: string): { fits: string; png: string } {
	const name = `${token}_${keySegment(chunkKey)}`;
	return {
		fits: storagePath(`user_${userId}`, 'telescope', `${name}.fits`),
		png: storagePath(`user_${userId}`, 'telescope', `${name}.png`)
	};
}

/** An untrusted volunteer's stack, kept until a second one agrees (or the job fails). */
export function candidatePath(jobId: number, userId: number, sha256: string): string {
	return storagePath('candidates', `job_${jobId}`, `user_${userId}_${sha256.slice(0, 16)}.fits`);
}
