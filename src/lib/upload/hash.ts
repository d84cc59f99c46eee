/** SHA-256 of a file in the browser, as the server computes it: lowercase hex of all bytes. */
export async function sha256Hex(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
