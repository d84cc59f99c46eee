// Seeded synthetic images for the kernel tests: noise, Gaussian stars, Bayer mosaics, FITS bytes.
import type { BayerPattern, Bitpix, FramePixels } from '../../src/lib/stacking/types';
import { Rng } from '../../tests/synthetic/rng';

/** A seeded uniform source in [0, 1). */
export function rng(seed: number): () => number {
	const source = new Rng(seed);
	return () => source.next();
}

/** Standard normal deviates (Box-Muller) from a uniform source. */
export function gauss(rand: () => number): () => number {
	return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export interface TestStar {
	x: number;
	y: number;
	/** Peak above the background. */
	amp: number;
	fwhm: number;
}

/** Adds Gaussian stars sampled at pixel centres (scaled per pixel by gain(x, y), e.g. a colour). */
export function addStars(img: Float64Array, width: number, height: number, stars: TestStar[], gain: (x: number, y: number) => number = () => 1): void {
	for (const s of stars) {
		const sigma = s.fwhm / 2.3548200450309493;
		const r = Math.ceil(6 * sigma);
		for (let y = Math.max(0, Math.floor(s.y) - r); y <= Math.min(height - 1, Math.floor(s.y) + r); y++) {
			for (let x = Math.max(0, Math.floor(s.x) - r); x <= Math.min(width - 1, Math.floor(s.x) + r); x++) {
				img[y * width + x] += gain(x, y) * s.amp * Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / (2 * sigma * sigma));
			}
		}
	}
}

/** Stars on a grid with random sub-pixel offsets, at least `spacing` apart and `margin` from the edges. */
export function starGrid(width: number, height: number, spacing: number, margin: number, rand: () => number, amp: [number, number], fwhm: [number, number]): TestStar[] {
	const stars: TestStar[] = [];
	for (let y = margin; y <= height - margin; y += spacing) {
		for (let x = margin; x <= width - margin; x += spacing) {
			stars.push({ x: x + rand() - 0.5, y: y + rand() - 0.5, amp: amp[0] + (amp[1] - amp[0]) * rand(), fwhm: fwhm[0] + (fwhm[1] - fwhm[0]) * rand() });
		}
	}
	return stars;
}

/** Colour (0 R, 1 G, 2 B) of mosaic pixel (x, y) for a pattern in storage order. */
export function cfaColour(pattern: BayerPattern, x: number, y: number): number {
	return 'RGB'.indexOf(pattern[(y & 1) * 2 + (x & 1)]);
}

/** Big-endian FITS pixel bytes of physical values (stored = (v - bzero) / bscale, rounded for integers). */
export function encode(values: ArrayLike<number>, bitpix: Bitpix, bzero = 0, bscale = 1): Uint8Array {
	const size = Math.abs(bitpix) / 8;
	const out = new Uint8Array(values.length * size);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) {
		const stored = (values[i] - bzero) / bscale;
		const o = i * size;
		if (bitpix === 8) view.setUint8(o, Math.round(stored));
		else if (bitpix === 16) view.setInt16(o, Math.round(stored));
		else if (bitpix === 32) view.setInt32(o, Math.round(stored));
		else if (bitpix === -32) view.setFloat32(o, stored);
		else view.setFloat64(o, stored);
	}
	return out;
}

/** A whole float32 frame as FramePixels. */
export function floatFrame(values: ArrayLike<number>, width: number, height: number, bayer: BayerPattern | null = null): FramePixels {
	return { data: encode(values, -32), y0: 0, rows: height, width, height, bitpix: -32, bzero: 0, bscale: 1, bayer };
}
