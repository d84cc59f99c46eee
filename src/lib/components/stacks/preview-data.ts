/** The binary preview of `/api/stacks/:id/preview`: u32 LE width, u32 LE height, then float32 R, G, B planes. */

export interface PreviewPlanes {
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
}

export function parsePreview(buffer: ArrayBuffer): PreviewPlanes {
	if (buffer.byteLength < 8) throw new Error(`preview is ${buffer.byteLength} bytes, shorter than its 8-byte size header`);
	const view = new DataView(buffer);
	const width = view.getUint32(0, true);
	const height = view.getUint32(4, true);
	const n = width * height;
	const expected = 8 + 12 * n;
	if (width < 1 || height < 1 || buffer.byteLength !== expected) {
		throw new Error(`preview of ${width} x ${height} should be ${expected} bytes, got ${buffer.byteLength}`);
	}
	// Copied out: the planes start at byte 8, aligned for Float32Array, but little-endian must be honoured.
	const planes = [0, 1, 2].map((c) => {
		const plane = new Float32Array(n);
		const base = 8 + c * 4 * n;
		for (let i = 0; i < n; i++) plane[i] = view.getFloat32(base + 4 * i, true);
		return plane;
	});
	return { width, height, r: planes[0], g: planes[1], b: planes[2] };
}
