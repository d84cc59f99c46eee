import { concatBytes } from '../util/bytes';
import { toHex } from '../util/hex';

export interface MultipartFile {
	bytes: Uint8Array;
	filename: string;
	type: string;
}

/**
 * A multipart/form-data body built as bytes, for a fetch that sends a large file without a Blob.
 * Chromium keeps a Blob's bytes in the browser process until the tab's garbage collector drops the
 * Blob, which a small heap seldom does: the Compute tab's browser process grew by one stack per job.
 */
export function multipartBody(fields: Record<string, string | MultipartFile>): { body: Uint8Array; contentType: string } {
	const boundary = `crowdsky-${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;
	const text = new TextEncoder();
	const parts: Uint8Array[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (typeof value === 'string') {
			parts.push(text.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
		} else {
			parts.push(text.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type}\r\n\r\n`));
			parts.push(value.bytes, text.encode('\r\n'));
		}
	}
	parts.push(text.encode(`--${boundary}--\r\n`));
	return { body: concatBytes(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
