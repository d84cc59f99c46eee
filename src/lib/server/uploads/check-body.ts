import { MAX_CHECK_FILES } from '$lib/api/uploads';
import { ApiError } from '$lib/server/http';
import { parseSha256 } from './validate';

export interface CheckedFile {
	sha256: string;
	size: number;
}

/** `{ files: [{ name, size, sha256 }, …] }` (at most MAX_CHECK_FILES) → each file's lower-case hash and size. */
export function parseCheckBody(body: unknown): CheckedFile[] {
	const shape = `expected { "files": [{ "name": string, "size": number, "sha256": 64 hex digits }] }`;
	if (!isRecord(body) || !Array.isArray(body.files)) throw new ApiError(400, `the body is not a file list: ${shape}`);
	const { files } = body;
	if (files.length > MAX_CHECK_FILES) {
		throw new ApiError(400, `${files.length} files in one check; at most ${MAX_CHECK_FILES} are accepted, send them in parts`);
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
		if (!valid) throw new ApiError(400, `files[${i}] is not { name, size, sha256 }: ${shape}`);
		return { sha256, size: file.size as number };
	});
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
