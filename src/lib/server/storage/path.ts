import { StorageError } from './errors';

// Letters, digits, '.', '_', '-'; not starting with '.' (which also rules out '.' and '..', and
// keeps the backends' own '.tmp' folder out of reach).
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;
const RULE = 'segments of [A-Za-z0-9._-] not starting with "." joined by "/"';

function checkSegment(segment: string, whole: string): void {
	if (!SEGMENT.test(segment)) {
		throw new StorageError(
			`invalid storage path ${JSON.stringify(whole)}: segment ${JSON.stringify(segment)} is not allowed (${RULE})`
		);
	}
}

/** Joins validated segments into a storage path: storagePath('raw', 12, 'a.fit') → 'raw/12/a.fit'. */
export function storagePath(...segments: (string | number)[]): string {
	if (segments.length === 0) throw new StorageError(`invalid storage path: no segments (${RULE})`);
	for (const id of segments) {
		if (typeof id === 'number' && !(Number.isSafeInteger(id) && id >= 0)) {
			throw new StorageError(`invalid storage path segment ${id}: a number must be a non-negative integer id`);
		}
	}
	const parts = segments.map(String);
	const whole = parts.join('/');
	for (const part of parts) checkSegment(part, whole);
	return whole;
}

/** Validates a path given to a backend (a file path, never empty); returns its segments. */
export function checkPath(path: string): string[] {
	if (typeof path !== 'string' || path === '') {
		throw new StorageError(`invalid storage path ${JSON.stringify(path)}: empty (${RULE})`);
	}
	const segments = path.split('/');
	for (const segment of segments) checkSegment(segment, path);
	return segments;
}

/** Validates a folder prefix; '' means the whole store. */
export function checkPrefix(prefix: string): string[] {
	return prefix === '' ? [] : checkPath(prefix);
}
