/** A hole of at most this many pixels is filled: a few rejected pixels, never a stretch of edge. */
const MAX_HOLE = 16;

/**
 * Sets small holes of a 0/1 mask in place: groups of at most MAX_HOLE unset pixels (8-connected)
 * that do not touch the image's border. A few pixels inside the field where the combine rejected
 * most frames' samples (a hot pixel, a cosmic ray) would otherwise cut the largest rectangle
 * short; a strip along an edge that few frames cover is larger, and stays unset. O(width × height).
 */
export function fillHoles(mask: Uint8Array, width: number, height: number): void {
	const seen = new Uint8Array(width * height);
	const group = new Int32Array(width * height);
	for (let start = 0; start < mask.length; start++) {
		if (mask[start] || seen[start]) continue;
		seen[start] = 1;
		group[0] = start;
		let size = 1;
		let border = false;
		for (let head = 0; head < size; head++) {
			const i = group[head];
			const x = i % width;
			const y = (i - x) / width;
			if (x === 0 || y === 0 || x === width - 1 || y === height - 1) border = true;
			for (let dy = -1; dy <= 1; dy++) {
				for (let dx = -1; dx <= 1; dx++) {
					const nx = x + dx;
					const ny = y + dy;
					if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
					const j = ny * width + nx;
					if (mask[j] || seen[j]) continue;
					seen[j] = 1;
					group[size++] = j;
				}
			}
		}
		if (!border && size <= MAX_HOLE) for (let k = 0; k < size; k++) mask[group[k]] = 1;
	}
}
