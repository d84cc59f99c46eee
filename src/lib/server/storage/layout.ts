import { randomBytes } from 'node:crypto';
import { storagePath } from './path';

/**
 * Where everything is stored: ids and chunk keys only, never a user-supplied name.
 *   user_<u>/session_<s>/<random>.fit          raw frames of an upload session
 *   user_<u>/job_<j>/<chunk key>.{fits,png,json}   an accepted stack, its thumbnail and report
 *   user_<u>/telescope/<random>_<chunk key>.{fits,png}   a stack made on the telescope (no job)
 *   <the stack's path without .fits>.picture.png   the stack's picture (16-bit PNG), beside either
 *   candidates/job_<j>/user_<u>_<sha>.fits     a volunteer's stack awaiting a second one
 */

/** The top folder of every job's candidate stacks. */
export const CANDIDATES = 'candidates';

/** A session's folder of raw frames. */
export function sessionPrefix(userId: number, sessionId: number): string {
	return storagePath(`user_${userId}`, `session_${sessionId}`);
}

/** A new file's path in its session's folder: a random id, since the row id comes after the write. */
export function newRawFilePath(userId: number, sessionId: number): string {
	return storagePath(`user_${userId}`, `session_${sessionId}`, `${randomBytes(12).toString('hex')}.fit`);
}

/** Whether `path` has the shape `newRawFilePath` gives: the sweep never touches anything else in a store. */
export function isRawFramePath(path: string): boolean {
	return /^user_\d+\/session_\d+\/[0-9a-f]{24}\.fit$/.test(path);
}

/** The folder of a job's accepted stack files. */
export function jobFolder(userId: number, jobId: number): string {
	return storagePath(`user_${userId}`, `job_${jobId}`);
}

/** A chunk key as a path segment: the Dec sign '+' is not allowed there, so it is written 'p'. */
function keySegment(chunkKey: string): string {
	return chunkKey.replaceAll('+', 'p');
}

/** Where a job's accepted stack, thumbnail and report go. */
export function stackPaths(userId: number, jobId: number, chunkKey: string): { fits: string; png: string; report: string; picture: string } {
	const file = (extension: string) => storagePath(`user_${userId}`, `job_${jobId}`, `${keySegment(chunkKey)}.${extension}`);
	return { fits: file('fits'), png: file('png'), report: file('json'), picture: picturePath(file('fits')) };
}

/** Where a stack made on the telescope and its thumbnail go: no job, so a random token keeps uploads apart. */
export function telescopeStackPaths(userId: number, token: string, chunkKey: string): { fits: string; png: string; picture: string } {
	const file = (extension: string) => storagePath(`user_${userId}`, 'telescope', `${token}_${keySegment(chunkKey)}.${extension}`);
	return { fits: file('fits'), png: file('png'), picture: picturePath(file('fits')) };
}

/**
 * Where a stack's picture is kept: named from the stack's own path, so stacks stored before
 * pictures existed have one place for it too, and no column is needed.
 */
export function picturePath(fitsPath: string): string {
	return `${fitsPath.replace(/\.fits?$/, '')}.picture.png`;
}

/** The folder of a job's candidate stacks. */
export function candidatesFolder(jobId: number): string {
	return storagePath(CANDIDATES, `job_${jobId}`);
}

/** An untrusted volunteer's stack, kept until a second one agrees (or the job fails). */
export function candidatePath(jobId: number, userId: number, sha256: string): string {
	return storagePath(CANDIDATES, `job_${jobId}`, `user_${userId}_${sha256.slice(0, 16)}.fits`);
}

export function isCandidatePath(path: string): boolean {
	return path.startsWith(`${CANDIDATES}/`);
}
