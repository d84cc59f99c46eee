import { ApiError } from '../api/api-error';
import type { JobFile, JobTicket } from '../api/jobs';

/** The claim's `job`, checked at the boundary: a malformed ticket is the server's bug, named here. */
export function parseTicket(raw: unknown): JobTicket {
	const bad = (what: string) => new ApiError(200, `the claim returned a malformed job: ${what} (got ${JSON.stringify(raw)?.slice(0, 300)})`);
	if (!isRecord(raw)) throw bad('not an object');
	const { id, task, chunkKey, object, telescope, frameCount, leaseToken, leaseSeconds, files, attempt, maxAttempts } = raw;
	if (!isCount(id)) throw bad('id is not a positive integer');
	if (task !== undefined && typeof task !== 'string') throw bad('task is not a string');
	if (typeof chunkKey !== 'string') throw bad('chunkKey is not a string');
	if (typeof leaseToken !== 'string' || leaseToken === '') throw bad('leaseToken is missing');
	if (typeof leaseSeconds !== 'number' || !(leaseSeconds > 0)) throw bad('leaseSeconds is not a positive number');
	if (!Array.isArray(files) || files.length === 0) throw bad('files is not a non-empty list');
	// Optional (older servers and the fake in tests omit them); when sent they must make sense.
	if (attempt !== undefined && !isCount(attempt)) throw bad('attempt is not a positive integer');
	if (maxAttempts !== undefined && !isCount(maxAttempts)) throw bad('maxAttempts is not a positive integer');
	if (isCount(attempt) && isCount(maxAttempts) && attempt > maxAttempts) throw bad(`attempt ${attempt} is beyond maxAttempts ${maxAttempts}`);
	return {
		id,
		...(task !== undefined ? { task } : {}),
		chunkKey,
		object: typeof object === 'string' ? object : null,
		telescope: typeof telescope === 'string' ? telescope : null,
		frameCount: isCount(frameCount) ? frameCount : files.length,
		leaseToken,
		leaseSeconds,
		files: files.map((f, i) => parseFile(f, () => bad(`files[${i}] is not { id, name, size, sha256 }`))),
		...(attempt !== undefined ? { attempt } : {}),
		...(maxAttempts !== undefined ? { maxAttempts } : {})
	};
}

function parseFile(raw: unknown, bad: () => Error): JobFile {
	if (!isRecord(raw)) throw bad();
	const { id, name, size, sha256 } = raw;
	if (!isCount(id) || typeof name !== 'string' || typeof size !== 'number' || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256))
		throw bad();
	return { id, name, size, sha256: sha256.toLowerCase() };
}

function isCount(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
