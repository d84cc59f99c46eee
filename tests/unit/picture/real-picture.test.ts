// The Done-when, measured on the pictures of the real frames: both targets, both nights.
import { beforeAll, describe, expect, it } from 'vitest';
import { M94, NGC7023 } from '../stacking/helpers';
import { channel, ellipticity, median, skyFlatness, skyNeutrality } from './measure';
import { pictureCase, type PictureCase } from './picture-data';
import { removeBackground } from '../../../src/lib/picture/background';
import { matchStars, MIN_CATALOGUE_STARS } from '../../../src/lib/picture/catalog-white-balance';
import { cropPlanes } from '../../../src/lib/picture/crop';
import { starColours } from '../../../src/lib/picture/stars';

const SETS = [
	['M 94', M94, ''],
	['NGC 7023 2024', NGC7023, '_2024'],
	['NGC 7023 2025', NGC7023, '_2025']
] as const;

describe.each(SETS)('the picture of %s', (name, dir, match) => {
	let c: PictureCase;
	beforeAll(async () => {
		c = await pictureCase(dir, match);
	}, 120_000);

	// Stellarium's files stop at V 10.5: a Seestar field at these latitudes holds 3–10 such stars
	// (Stellarium has 6 within 0.6° of M 94), some saturated, so fewer than MIN_CATALOGUE_STARS match.
	it('places the catalogue stars of known colour on measured stars through its plate solution; too few here, so the average star', () => {
		const { colour, crop } = c.picture;
		const planes = cropPlanes(c.input, crop);
		const measured = starColours(planes, removeBackground(planes).noise[1]);
		const reference = c.input.colourStars!;
		const offsets = reference.flatMap((r) => {
			const d = Math.min(...measured.map((m) => Math.hypot(r.x - crop.x - m.x, r.y - crop.y - m.y)));
			return d <= 3 ? [d] : [];
		});
		const pairs = matchStars(measured, reference, crop);
		console.log(`${name}: ${reference.length} catalogue stars with B−V in the frame, ${pairs.length} matched (median offset ${median(offsets).toFixed(2)} px); colour ${colour.method} (${colour.stars} stars)`);
		expect(reference.length).toBeGreaterThan(0);
		expect(pairs.length).toBeGreaterThan(0);
		// The peak pixel against the solution's position: well under a pixel when the 0-based shift is right.
		expect(median(offsets)).toBeLessThan(0.8);
		expect(pairs.length).toBeLessThan(MIN_CATALOGUE_STARS);
		expect(colour.method).toBe('average-star');
	});

	it('has a neutral sky: R, G and B sky medians within 2 % of each other (the thumbnail does not)', () => {
		const sky = skyNeutrality(c.image);
		console.log(`${name}: sky R G B ${sky.medians.join(' ')}, spread ${(100 * sky.spread).toFixed(2)} %; thumbnail ${(100 * skyNeutrality(c.thumbnail).spread).toFixed(1)} %`);
		expect(sky.spread).toBeLessThan(0.02);
		expect(skyNeutrality(c.thumbnail).spread).toBeGreaterThan(0.02);
	});

	it('has a flat sky: the 64 px sky tiles\' medians within 2 % of the display range', () => {
		const flat = skyFlatness(c.image);
		console.log(`${name}: sky tiles spread ${(100 * flat).toFixed(2)} % of the range; thumbnail ${(100 * skyFlatness(c.thumbnail)).toFixed(2)} %`);
		expect(flat).toBeLessThan(0.02);
	});

	it('has no edge strip covered by fewer than half the frames, and keeps most of the frame', () => {
		const { input, picture } = c;
		const { x, y, width, height } = picture.crop;
		expect([picture.width, picture.height]).toEqual([width, height]);
		const short = (i: number, j: number) => 2 * input.footprint![j * input.width + i] < input.nimages;
		const edges = edgeShares(short, picture.crop);
		const frame = edgeShares(short, { x: 0, y: 0, width: input.width, height: input.height });
		let inside = 0;
		for (let j = y; j < y + height; j++) for (let i = x; i < x + width; i++) if (short(i, j)) inside++;
		const pct = (v: number[]) => v.map((s) => `${(100 * s).toFixed(1)} %`).join(' / ');
		console.log(`${name}: crop ${width} x ${height} at (${x}, ${y}) of ${input.width} x ${input.height}; under half coverage: crop edges ${pct(edges)} (top/bottom/left/right), whole frame's ${pct(frame)}; ${inside} px inside the crop`);
		expect(Math.max(...edges)).toBeLessThanOrEqual(MAX_SHORT_EDGE);
		// Today's thumbnail shows the whole frame, edge strips and all (of 2 frames, 1 is half: no strip).
		expect(Math.max(...frame) > MAX_SHORT_EDGE).toBe(input.nimages > 2);
		// Only holes the combine left inside the field (rejected samples), not strips.
		expect(inside / (width * height)).toBeLessThan(0.001);
		expect((width * height) / (input.width * input.height)).toBeGreaterThan(0.9);
	});

	it('keeps the stars round: ellipticity as in the linear stack', () => {
		const { input, picture } = c;
		const stars = brightStars(c);
		const lum = channel(c.image, 0).map((v, i) => (v + c.image.rgb[i * 3 + 1] + c.image.rgb[i * 3 + 2]) / 3);
		const linear = stars.map(([sx, sy]) => ellipticity(input.g, input.width, sx, sy, 6));
		const shown = stars.map(([sx, sy]) => ellipticity(lum, picture.width, sx - picture.crop.x, sy - picture.crop.y, 6));
		console.log(`${name}: ${stars.length} stars, median ellipticity linear ${median(linear).toFixed(3)}, picture ${median(shown).toFixed(3)}`);
		expect(stars.length).toBeGreaterThanOrEqual(10);
		expect(median(shown)).toBeLessThan(median(linear) + 0.05);
	});

	it('clips to white only pixels saturated in the linear stack', () => {
		const { input, picture } = c;
		const planes = [input.r, input.g, input.b];
		const max = planes.map((p) => p.reduce((m, v) => (v > m ? v : m), -Infinity));
		let white = 0;
		let unsaturatedWhite = 0;
		for (let j = 0; j < picture.height; j++) {
			for (let i = 0; i < picture.width; i++) {
				const k = (j * picture.width + i) * 3;
				if (picture.rgb[k] < 65535 || picture.rgb[k + 1] < 65535 || picture.rgb[k + 2] < 65535) continue;
				white++;
				const at = (j + picture.crop.y) * input.width + i + picture.crop.x;
				if (!planes.some((p, ch) => p[at] >= 0.5 * max[ch])) unsaturatedWhite++;
			}
		}
		console.log(`${name}: ${white} white pixels, ${unsaturatedWhite} of them under half the channel's maximum`);
		expect(unsaturatedWhite).toBe(0);
	});
});

/** An edge line of the picture may hold this share of pixels under half coverage: rejected samples, not a strip. */
const MAX_SHORT_EDGE = 0.05;

/** The share of pixels under half coverage along the rectangle's top, bottom, left and right lines. */
function edgeShares(short: (i: number, j: number) => boolean, r: { x: number; y: number; width: number; height: number }): number[] {
	const row = (j: number) => Array.from({ length: r.width }, (_, k) => short(r.x + k, j)).filter(Boolean).length / r.width;
	const column = (i: number) => Array.from({ length: r.height }, (_, k) => short(i, r.y + k)).filter(Boolean).length / r.height;
	return [row(r.y), row(r.y + r.height - 1), column(r.x), column(r.x + r.width - 1)];
}

/** Up to 30 of the brightest isolated, unsaturated peaks of the linear G plane inside the crop. */
function brightStars(c: PictureCase): [number, number][] {
	const { input, picture } = c;
	const { x, y, width, height } = picture.crop;
	const g = input.g;
	const max = g.reduce((m, v) => (v > m ? v : m), -Infinity);
	const sky = median(Array.from({ length: 4000 }, (_, k) => g[Math.floor((k * g.length) / 4000)]).filter(Number.isFinite));
	const peaks: [number, number, number][] = [];
	const edge = 12;
	for (let j = y + edge; j < y + height - edge; j++) {
		for (let i = x + edge; i < x + width - edge; i++) {
			const v = g[j * input.width + i];
			if (v < sky * 1.5 || v > 0.5 * max) continue;
			let top = true;
			for (let dy = -8; dy <= 8 && top; dy++) for (let dx = -8; dx <= 8; dx++) if ((dx || dy) && g[(j + dy) * input.width + i + dx] >= v) top = false;
			if (top) peaks.push([i, j, v]);
		}
	}
	return peaks.sort((a, b) => b[2] - a[2]).slice(0, 30).map(([i, j]) => [i, j]);
}
