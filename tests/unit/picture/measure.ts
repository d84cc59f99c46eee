// What the Done-when measures on a picture: 16-bit RGB, interleaved (the picture or a thumbnail).
export interface RgbImage {
	width: number;
	height: number;
	rgb: ArrayLike<number>;
	/** The display range: 65535 for 16 bits, 255 for 8. */
	full: number;
}

/** Side of the sky tiles the issue names. */
const TILE = 64;
/** Tiles darker than this share of all tiles count as sky: the object and its halo fill less. */
const SKY_SHARE = 0.6;

/** Per 64 px tile: its median luminance (R+G+B)/3, and the tiles judged sky (the darkest SKY_SHARE). */
export function skyTiles(img: RgbImage): { medians: number[]; sky: number[] } {
	const nx = Math.floor(img.width / TILE);
	const ny = Math.floor(img.height / TILE);
	const medians: number[] = [];
	for (let j = 0; j < ny; j++) {
		for (let i = 0; i < nx; i++) {
			const values: number[] = [];
			for (let y = j * TILE; y < (j + 1) * TILE; y++) {
				for (let x = i * TILE; x < (i + 1) * TILE; x++) {
					const k = (y * img.width + x) * 3;
					values.push((img.rgb[k] + img.rgb[k + 1] + img.rgb[k + 2]) / 3);
				}
			}
			medians.push(median(values));
		}
	}
	const limit = [...medians].sort((a, b) => a - b)[Math.floor(SKY_SHARE * (medians.length - 1))];
	const sky = medians.map((_, t) => t).filter((t) => medians[t] <= limit);
	return { medians, sky };
}

/** The sky's R, G, B medians (over the sky tiles' pixels) and their spread relative to their mean. */
export function skyNeutrality(img: RgbImage): { medians: [number, number, number]; spread: number } {
	const { sky } = skyTiles(img);
	const nx = Math.floor(img.width / TILE);
	const channels: number[][] = [[], [], []];
	for (const t of sky) {
		const i = t % nx;
		const j = (t - i) / nx;
		for (let y = j * TILE; y < (j + 1) * TILE; y += 2) {
			for (let x = i * TILE; x < (i + 1) * TILE; x += 2) {
				const k = (y * img.width + x) * 3;
				for (let c = 0; c < 3; c++) channels[c].push(img.rgb[k + c]);
			}
		}
	}
	const medians = channels.map(median) as [number, number, number];
	const mean = (medians[0] + medians[1] + medians[2]) / 3;
	return { medians, spread: (Math.max(...medians) - Math.min(...medians)) / mean };
}

/** Max − min of the sky tiles' medians as a share of the display range. */
export function skyFlatness(img: RgbImage): number {
	const { medians, sky } = skyTiles(img);
	const values = sky.map((t) => medians[t]);
	return (Math.max(...values) - Math.min(...values)) / img.full;
}

export function median(values: number[]): number {
	const s = Float64Array.from(values).sort();
	const n = s.length;
	return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * Ellipticity 1 − b/a of the light around (x, y) from its second moments, within `radius`, above
 * the local background (the median of the box's border). NaN when nothing is above it.
 */
export function ellipticity(plane: ArrayLike<number>, width: number, x: number, y: number, radius: number): number {
	const border: number[] = [];
	for (let d = -radius; d <= radius; d++) {
		border.push(plane[(y - radius) * width + x + d], plane[(y + radius) * width + x + d], plane[(y + d) * width + x - radius], plane[(y + d) * width + x + radius]);
	}
	const sky = median(border);
	let sum = 0;
	let mx = 0;
	let my = 0;
	for (let dy = -radius; dy <= radius; dy++) {
		for (let dx = -radius; dx <= radius; dx++) {
			if (dx * dx + dy * dy > radius * radius) continue;
			const v = Math.max(0, plane[(y + dy) * width + x + dx] - sky);
			sum += v;
			mx += v * dx;
			my += v * dy;
		}
	}
	if (!(sum > 0)) return NaN;
	mx /= sum;
	my /= sum;
	let xx = 0;
	let yy = 0;
	let xy = 0;
	for (let dy = -radius; dy <= radius; dy++) {
		for (let dx = -radius; dx <= radius; dx++) {
			if (dx * dx + dy * dy > radius * radius) continue;
			const v = Math.max(0, plane[(y + dy) * width + x + dx] - sky);
			xx += v * (dx - mx) ** 2;
			yy += v * (dy - my) ** 2;
			xy += v * (dx - mx) * (dy - my);
		}
	}
	const t = (xx + yy) / 2;
	const d = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
	return 1 - Math.sqrt(Math.max(0, t - d) / (t + d));
}

/** One channel of an interleaved RGB image as a plane. */
export function channel(img: RgbImage, c: number): Float64Array {
	const out = new Float64Array(img.width * img.height);
	for (let i = 0; i < out.length; i++) out[i] = img.rgb[i * 3 + c];
	return out;
}
