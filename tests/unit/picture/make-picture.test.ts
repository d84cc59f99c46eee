// The picture on generated data whose truth is known: a sky with a gradient and a colour cast,
// grey stars of known places, a galaxy, an edge no frame covers and one only one frame covers.
import { describe, expect, it } from 'vitest';
import { makePicture, type PictureInput } from '../../../src/lib/picture';
import { largestRectangle } from '../../../src/lib/picture/crop';
import { makePreview } from '../../../src/lib/stacking/preview';
import { channel, ellipticity, median, skyFlatness, skyNeutrality, type RgbImage } from './measure';
import { generated, H, SATURATED, W } from './scene';

function thumbnailOf(input: PictureInput): RgbImage {
	const preview = makePreview(input.r, input.g, input.b, W, H, W);
	const rgb = new Uint8Array(preview.width * preview.height * 3);
	for (let i = 0; i < preview.width * preview.height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = preview.rgba[i * 4 + c];
	return { width: preview.width, height: preview.height, rgb, full: 255 };
}

describe('makePicture on generated data', () => {
	const { input, stars } = generated();
	const picture = makePicture(input);
	const image: RgbImage = { width: picture.width, height: picture.height, rgb: picture.rgb, full: 65535 };

	it('crops off the uncovered edge and the one only 1 of 8 frames covers, not single pixels inside', () => {
		expect(picture.crop).toEqual({ x: 12, y: 0, width: W - 32, height: H });
	});

	it('removes the gradient and the colour cast from the sky (the thumbnail keeps both)', () => {
		const thumbnail = thumbnailOf(input);
		expect(skyNeutrality(image).spread).toBeLessThan(0.02);
		expect(skyFlatness(image)).toBeLessThan(0.02);
		expect(skyNeutrality(thumbnailOf(input)).spread).toBeGreaterThan(0.02);
		expect(skyFlatness(thumbnail)).toBeGreaterThan(0.02);
	});

	it('makes the grey stars grey again: the average star has R = G = B', () => {
		const ratios = stars.map(([sx, sy]) => {
			const k = ((sy - picture.crop.y) * picture.width + sx - picture.crop.x) * 3;
			return [picture.rgb[k] / picture.rgb[k + 1], picture.rgb[k + 2] / picture.rgb[k + 1]];
		});
		expect(median(ratios.map((r) => r[0]))).toBeCloseTo(1, 1);
		expect(median(ratios.map((r) => r[1]))).toBeCloseTo(1, 1);
	});

	it('keeps stars round and whitens only the saturated one', () => {
		const lum = channel(image, 1);
		const e = stars.map(([sx, sy]) => ellipticity(lum, picture.width, sx - picture.crop.x, sy - picture.crop.y, 6));
		expect(median(e)).toBeLessThan(0.05);
		let white = 0;
		for (let i = 0; i < picture.width * picture.height; i++) {
			if (picture.rgb[i * 3] < 65535 || picture.rgb[i * 3 + 1] < 65535 || picture.rgb[i * 3 + 2] < 65535) continue;
			const x = (i % picture.width) + picture.crop.x;
			const y = Math.floor(i / picture.width) + picture.crop.y;
			expect(Math.hypot(x - SATURATED.x, y - SATURATED.y)).toBeLessThan(8);
			white++;
		}
		expect(white).toBeGreaterThan(0);
	});

	it('is deterministic and leaves the input planes as they were', () => {
		const again = generated();
		const before = Float32Array.from(again.input.r);
		const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
		expect(bytes(makePicture(again.input).rgb).equals(bytes(picture.rgb))).toBe(true);
		expect(bytes(again.input.r).equals(bytes(before))).toBe(true);
	});
});

describe('makePicture of frames that hardly overlap', () => {
	it('shows all that was measured when no pixel has half the frames', () => {
		const { input } = generated();
		const picture = makePicture({ ...input, footprint: new Uint16Array(W * H).fill(1) });
		expect(picture.crop).toEqual({ x: 12, y: 0, width: W - 12, height: H });
	});
});

describe('largestRectangle', () => {
	it('finds the largest all-set rectangle, as a brute-force search does', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
		for (let trial = 0; trial < 20; trial++) {
			const [w, h] = [3 + Math.floor(random() * 10), 3 + Math.floor(random() * 10)];
			const mask = Uint8Array.from({ length: w * h }, () => (random() < 0.8 ? 1 : 0));
			let best = 0;
			for (let y0 = 0; y0 < h; y0++) for (let x0 = 0; x0 < w; x0++) for (let y1 = y0; y1 < h; y1++) for (let x1 = x0; x1 < w; x1++) {
				let all = true;
				for (let y = y0; y <= y1 && all; y++) for (let x = x0; x <= x1; x++) if (!mask[y * w + x]) all = false;
				if (all) best = Math.max(best, (x1 - x0 + 1) * (y1 - y0 + 1));
			}
			const r = largestRectangle(mask, w, h);
			expect(r.width * r.height).toBe(best);
			for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) expect(mask[y * w + x]).toBe(1);
		}
	});
});
