import { MAX_FILE_BYTES } from '$lib/api/uploads';
import { formatMb } from '$lib/format';
import { ApiError } from '$lib/server/http';
import { MAX_NAME_LENGTH } from './limits';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const FITS_EXTENSION = /\.fits?$/i;
// C0 controls, DEL and C1 controls: never part of a real file name, and they break logs.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Lower-case hex SHA-256, or undefined if `value` is not 64 hex digits. */
export function parseSha256(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const hex = value.toLowerCase();
	return SHA256_HEX.test(hex) ? hex : undefined;
}

export function requireSha256(value: unknown): string {
	const hex = parseSha256(value);
	if (!hex) throw new ApiError(400, `sha256 must be 64 hexadecimal digits, got ${describe(value)}`);
	return hex;
}

/**
 * The original file name, kept only as a label (storage paths are made from ids): a bare name
 * ending in .fit or .fits. Spaces and any printable Unicode are fine.
 */
export function requireFileName(value: unknown): string {
	if (typeof value !== 'string' || value.length === 0) {
		throw new ApiError(400, 'name is required: the original file name, e.g. Light_M 94_10.0s.fit');
	}
	const shown = JSON.stringify(value.slice(0, 80));
	if (value.length > MAX_NAME_LENGTH) {
		throw new ApiError(400, `name ${shown}… is ${value.length} characters long; at most ${MAX_NAME_LENGTH} are kept`);
	}
	if (CONTROL.test(value)) throw new ApiError(400, `name ${shown} contains control characters`);
	if (value.includes('/') || value.includes('\\')) {
		throw new ApiError(400, `name ${shown} contains a path separator; send the file name only`);
	}
	if (value === '.' || value === '..') throw new ApiError(400, `name ${shown} is not a file name`);
	if (!FITS_EXTENSION.test(value)) {
		throw new ApiError(400, `name ${shown} does not end in .fit or .fits; only FITS frames are accepted`);
	}
	return value;
}

/** The declared body size: present, positive and at most MAX_FILE_BYTES. */
export function requireContentLength(value: string | null): number {
	if (value === null || value.trim() === '') {
		throw new ApiError(400, 'Content-Length is required: send the file as the whole request body');
	}
	const size = Number(value);
	if (!Number.isSafeInteger(size) || size < 0) {
		throw new ApiError(400, `Content-Length ${JSON.stringify(value)} is not a byte count`);
	}
	if (size === 0) throw new ApiError(400, 'the file is empty (0 bytes); a FITS frame holds at least a header');
	if (size > MAX_FILE_BYTES) throw tooLarge(size);
	return size;
}

function tooLarge(size: number): ApiError {
	return new ApiError(
		413,
		`the file is ${size} bytes (${formatMb(size)}); files of at most ${MAX_FILE_BYTES} bytes (${formatMb(MAX_FILE_BYTES)}) are accepted`
	);
}

function describe(value: unknown): string {
	if (typeof value !== 'string') return value === undefined ? 'nothing' : typeof value;
	return JSON.stringify(value.slice(0, 80));
}
