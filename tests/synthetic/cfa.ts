import type { BayerPattern } from '../../src/lib/fits';

export type Rgb = [number, number, number];

const CHANNEL: Record<string, Rgb> = { R: [1, 0, 0], G: [0, 1, 0], B: [0, 0, 1] };
const MONO: Rgb = [1 / 3, 1 / 3, 1 / 3];

/**
 * How much of R, G, B light each of the four CFA sites records, indexed (y & 1) * 2 + (x & 1) in
 * storage order: one-hot for a Bayer pattern ('GRBG' = G R on even rows, B G on odd rows), the
 * mean of the three for a mono sensor.
 */
export function siteResponse(bayer: BayerPattern | null): Rgb[] {
	if (bayer === null) return [MONO, MONO, MONO, MONO];
	return [...bayer].map((c) => CHANNEL[c]);
}

export function dot(a: Rgb, b: Rgb): number {
	return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
