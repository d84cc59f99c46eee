import { answerErrors, errorJson } from '$lib/server/http';
import { MAX_CHECK_FILES } from '$lib/api/uploads';
import { UploadError } from './errors';
import { parseSha256 } from './validate';

/**
 * Runs an endpoint's work for the logged-in user (uploads take the session only): 401 without
 * one, an UploadError as its status and message, through the one API funnel; anything else
 * propagates to handleError (logged, a safe message to the client).
 */
export async function forUser(
	locals: App.Locals,
	work: (userId: number) => Promise<Response>
): Promise<Response> {
	if (!locals.user) return errorJson(401, 'Log in to upload: this API uses your CrowdSky session');
	const userId = locals.user.id;
	return answerErrors(() => work(userId), [UploadError]);
}

/** The request's JSON body, or a 400 that says what was wrong with it. */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new UploadError(400, 'the request body must be JSON');
	}
}

/** `{ files: [{ name, size, sha256 }, …] }` (at most MAX_CHECK_FILES) → the lower-case hashes. */
export function parseCheckBody(body: unknown): string[] {
	const shape = `expected { "files": [{ "name": string, "size": number, "sha256": 64 hex digits }] }`;
	if (!isRecord(body) || !Array.isArray(body.files)) throw new UploadError(400, `the body is not a file list: ${shape}`);
	const { files } = body;
	if (files.length > MAX_CHECK_FILES) {
		throw new UploadError(400, `${files.length} files in one check; at most ${MAX_CHECK_FILES} are accepted, send them in parts`);
	}
	return files.map((file, i) => {
		const sha256 = isRecord(file) ? parseSha256(file.sha256) : undefined;
		const valid =
			isRecord(file) &&
			typeof file.name === 'string' &&
			typeof file.size === 'number' &&
			Number.isSafeInteger(file.size) &&
			file.size >= 0 &&
			sha256 !== undefined;
		if (!valid) throw new UploadError(400, `files[${i}] is not { name, size, sha256 }: ${shape}`);
		return sha256;
	});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
