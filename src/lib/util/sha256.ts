import { toHex } from './hex';

/** Lowercase hex SHA-256 by Web Crypto (browsers and Node 20): of bytes, or of a whole File/Blob. */
export async function sha256Hex(data: Uint8Array | Blob): Promise<string> {
	const bytes = data instanceof Blob ? await data.arrayBuffer() : (data as Uint8Array<ArrayBuffer>);
	return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
