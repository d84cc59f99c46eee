// What a file that is not FITS usually is, so the error can say "this is a PNG" instead of "bad header".
const SIGNATURES: [string, number[]][] = [
	['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
	['JPEG image', [0xff, 0xd8, 0xff]],
	['TIFF image', [0x49, 0x49, 0x2a, 0x00]],
	['TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
	['gzip-compressed file (decompress it first)', [0x1f, 0x8b]],
	['ZIP archive', [0x50, 0x4b, 0x03, 0x04]]
];

/** "it is a PNG image" or "it starts with \"GIF89a\\x01...\"", for error messages. */
export function describeStart(bytes: Uint8Array): string {
	for (const [what, magic] of SIGNATURES) {
		if (magic.every((byte, i) => bytes[i] === byte)) return `it is a ${what}`;
	}
	let shown = '';
	for (const byte of bytes.subarray(0, 16)) {
		shown += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
	}
	return `it starts with "${shown}"`;
}
