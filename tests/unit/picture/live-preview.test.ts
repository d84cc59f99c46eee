/** The Compute page's live preview ends on the picture: the stack's bands gathered, then cropped, balanced and stretched. */
import { describe, expect, it } from 'vitest';
import { livePreview, PREVIEW_MAX_SIZE } from '../../../src/lib/compute/live-preview';
import type { PreviewImage } from '../../../src/lib/compute/types';
import { skyFlatness, skyNeutrality, type RgbImage } from './measure';
import { generated, H, W } from './scene';

function rgbOf(p: PreviewImage): RgbImage {
	const rgb = new Uint8Array(p.width * p.height * 3);
	for (let i = 0; i < p.width * p.height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = p.rgba[i * 4 + c];
	return { width: p.width, height: p.height, rgb, full: 255 };
}

describe('livePreview', () => {
	const { input } = generated();
	const shown: PreviewImage[] = [];
	const live = livePreview(0, (p) => shown.push(p));
	const BAND = 112;
	for (let y0 = 0; y0 < H; y0 += BAND) {
		const part = (p: Float32Array) => p.slice(y0 * W, (y0 + BAND) * W);
		live.onBand({ y0, rows: BAND, width: W, height: H, r: part(input.r), g: part(input.g), b: part(input.b) });
	}
	const during = shown.length;
	live.finish();
	const last = shown[shown.length - 1];

	it('shows each band as it lands, then the finished picture, no larger than the preview size', () => {
		expect(during).toBe(H / BAND);
		expect(shown.length).toBe(during + 1);
		expect(Math.max(last.width, last.height)).toBeLessThanOrEqual(PREVIEW_MAX_SIZE);
		// The uncovered (NaN) left edge is cropped off: narrower than the stack's shape.
		expect(last.width / last.height).toBeLessThan(W / H);
	});

	// 8 bits at preview scale: the sky is ~27 counts, so neutral means within one count; the
	// background is fitted on ~24 tiles, not ~70, so flat within 5 % of the range (the full-size picture's test asks 2 %).
	it('ends with a neutral, flat sky where the stretched linear preview keeps the cast and the gradient', () => {
		const picture = skyNeutrality(rgbOf(last)).medians;
		const linear = skyNeutrality(rgbOf(shown[during - 1])).medians;
		expect(Math.max(...picture) - Math.min(...picture)).toBeLessThanOrEqual(1);
		expect(Math.max(...linear) - Math.min(...linear)).toBeGreaterThan(10);
		expect(skyFlatness(rgbOf(last))).toBeLessThan(0.05);
		expect(skyFlatness(rgbOf(shown[during - 1]))).toBeGreaterThan(0.1);
	});
});
