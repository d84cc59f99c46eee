import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAffine, invertAffine } from '../../../src/lib/stacking/match';
import { generateSet, type SyntheticSet, type SyntheticStar } from '../../synthetic';
import { SATURATION, TRAIL_PEAK } from '../../synthetic/model';
import { apertureFlux, frameMedian, greenCentroid, loadFrame, median, type Frame } from './measure';

const tmp = mkdtempSync(join(tmpdir(), 'synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const WIDTH = 540;
const HEIGHT = 960;

let set: SyntheticSet;
let frames: Frame[];

beforeAll(() => {
	// 6 frames: 0 reference, 1 trail, 2 and 5 are 20 s, 5 clouded.
	set = generateSet({
		dir: join(tmp, 'set'),
		count: 6,
		width: WIDTH,
		height: HEIGHT,
		seed: 11,
		rotationDeg: 25,
		maxShift: 120,
		exptimes: [10, 10, 20],
		stars: 3000,
		blob: false
	});
	frames = set.frames.map((f) => loadFrame(set.dir, f.file));
});

/** Where a reference-geometry star falls in frame k (the inverse of the truth transform). */
function inFrame(k: number, s: { x: number; y: number }): [number, number] {
	return applyAffine(invertAffine(set.frames[k].transform), s.x, s.y);
}

/**
 * Bright, unsaturated stars well inside frame k with no other star, hot pixel or trail near them:
 * their moment centroids measure the rendering, not the neighbours.
 */
function cleanStars(k: number, minFlux: number, maxFlux: number, margin = 20): SyntheticStar[] {
	const truth = set.frames[k];
	const gain = (truth.exptime / 10) * (truth.clouded ? 0.2 : 1);
	return set.stars.filter((s) => {
		const f = s.flux * gain;
		if (f < minFlux || f > maxFlux) return false;
		const [x, y] = inFrame(k, s);
		if (x < margin || y < margin || x > WIDTH - 1 - margin || y > HEIGHT - 1 - margin) return false;
		const crowded = set.stars.some((o) => o !== s && o.flux > s.flux * 1e-3 && Math.hypot(o.x - s.x, o.y - s.y) < 12);
		const hot = truth.hotPixels.some(([hx, hy]) => Math.abs(hx - x) < 16 && Math.abs(hy - y) < 16);
		let trail = false;
		if (truth.trailLine) {
			const [ax, ay, bx, by] = truth.trailLine;
			const d = Math.abs((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / Math.hypot(bx - ax, by - ay);
			trail = d < 20;
		}
		return !crowded && !hot && !trail;
	});
}

describe('generateSet ground truth', () => {
	it('writes the frames and truth.json, frame 0 being the untransformed reference', () => {
		const files = readdirSync(set.dir).sort();
		expect(files).toEqual([...set.frames.map((f) => f.file), 'truth.json'].sort());
		expect(set.reference).toBe(set.frames[0].file);
		expect(set.frames[0].transform).toEqual([1, 0, 0, 0, 1, 0]);
		const { dir, ...truth } = set;
		expect(dir).toBe(join(tmp, 'set'));
		expect(JSON.parse(readFileSync(join(set.dir, 'truth.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(truth)));
	});

	it('puts star centroids where the truth transform says, within 0.1 px', () => {
		const errors: number[] = [];
		for (let k = 0; k < frames.length; k++) {
			// Bright enough for a centroid noise of ~0.02 px, peak (≈ flux × colour / 11) below saturation.
			const stars = cleanStars(k, 1.2e5, 4.5e5);
			expect(stars.length, `frame ${k}`).toBeGreaterThanOrEqual(set.frames[k].clouded ? 0 : 2);
			for (const s of stars) {
				const [px, py] = inFrame(k, s);
				const c = greenCentroid(frames[k], px, py, 5);
				const [rx, ry] = applyAffine(set.frames[k].transform, c.x, c.y);
				errors.push(Math.hypot(rx - s.x, ry - s.y));
			}
		}
		const rms = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);
		console.log(`centroid check: ${errors.length} stars, rms ${rms.toFixed(4)} px, max ${Math.max(...errors).toFixed(4)} px`);
		expect(errors.length).toBeGreaterThanOrEqual(12);
		expect(Math.max(...errors)).toBeLessThan(0.1);
	});

	it('rotates the field by the requested angle by the last frame', () => {
		const t = set.frames.at(-1)!.transform;
		expect((Math.atan2(t[3], t[0]) * 180) / Math.PI).toBeCloseTo(25, 10);
		expect(t[0] * t[4] - t[1] * t[3]).toBeCloseTo(1, 12);
	});

	it('draws a satellite trail on the trail frame only', () => {
		const k = set.frames.findIndex((f) => f.trail);
		expect(k).toBe(1);
		const [ax, ay, bx, by] = set.frames[k].trailLine!;
		// The line crosses the frame: both ends on its border.
		for (const [x, y] of [
			[ax, ay],
			[bx, by]
		]) {
			expect(Math.min(x, y, WIDTH - 1 - x, HEIGHT - 1 - y)).toBeLessThan(1e-6);
		}
		const along = (f: Frame) => {
			const v: number[] = [];
			for (let i = 1; i < 200; i++) {
				const x = Math.round(ax + ((bx - ax) * i) / 200);
				const y = Math.round(ay + ((by - ay) * i) / 200);
				v.push(f.pixels[y * WIDTH + x]);
			}
			return median(v) - frameMedian(f);
		};
		expect(along(frames[k])).toBeGreaterThan(0.5 * TRAIL_PEAK);
		for (const other of [0, 2, 3]) expect(Math.abs(along(frames[other]))).toBeLessThan(100);
	});

	it('dims the clouded frame to ~20% and raises its sky; 20 s frames collect twice the light of 10 s ones', () => {
		const cloud = set.frames.findIndex((f) => f.clouded);
		expect(cloud).toBe(5);
		expect(set.frames.map((f) => f.exptime)).toEqual([10, 10, 20, 10, 10, 20]);
		// The same stars measured in frame 2 (20 s, clear), 5 (20 s, clouded) and 0 (10 s, clear).
		const common = cleanStars(2, 2e4, 3e5).filter((s) => cleanStars(5, 4e3, 1e6).includes(s) && cleanStars(0, 1e4, 1e6).includes(s));
		expect(common.length).toBeGreaterThanOrEqual(3);
		const ratio = (a: number, b: number) =>
			median(common.map((s) => apertureFlux(frames[a], ...inFrame(a, s)) / apertureFlux(frames[b], ...inFrame(b, s))));
		expect(ratio(5, 2)).toBeGreaterThan(0.15);
		expect(ratio(5, 2)).toBeLessThan(0.25);
		expect(ratio(2, 0)).toBeGreaterThan(1.85);
		expect(ratio(2, 0)).toBeLessThan(2.15);
		expect(frameMedian(frames[5])).toBeGreaterThan(frameMedian(frames[2]) + 200);
	});

	it('puts hot pixels at the same sensor positions in every frame', () => {
		const hot = set.frames[0].hotPixels;
		expect(hot.length).toBeGreaterThanOrEqual(5);
		for (const [k, f] of frames.entries()) {
			expect(set.frames[k].hotPixels).toEqual(hot);
			for (const [x, y] of hot) {
				const around: number[] = [];
				for (let dy = -2; dy <= 2; dy++) {
					for (let dx = -2; dx <= 2; dx++) {
						const xx = x + dx;
						const yy = y + dy;
						if ((dx || dy) && xx >= 0 && yy >= 0 && xx < WIDTH && yy < HEIGHT) around.push(f.pixels[yy * WIDTH + xx]);
					}
				}
				expect(f.pixels[y * WIDTH + x] - median(around), `frame ${k} hot pixel ${x},${y}`).toBeGreaterThan(2000);
			}
		}
	});

	it('writes Seestar headers that the FITS reader parses, DATE-OBS one exposure apart', () => {
		let previous: { ms: number; exptime: number } | null = null;
		for (const [k, f] of frames.entries()) {
			const h = f.raw.header;
			expect(f.raw.width).toBe(WIDTH);
			expect(f.raw.height).toBe(HEIGHT);
			expect(f.raw.bitpix).toBe(16);
			expect(f.raw.bzero).toBe(32768);
			expect(f.raw.bayer).toBe('GRBG');
			expect(h.number('EXPTIME')).toBe(set.frames[k].exptime);
			expect(h.number('TOTALEXP')).toBe(set.frames[k].exptime);
			for (const key of ['RA', 'DEC', 'GAIN', 'SITELAT', 'SITELONG']) expect(h.number(key), key).toBeTypeOf('number');
			expect(h.number('XPIXSZ')).toBe(2.9);
			expect(h.number('FOCALLEN')).toBe(250);
			for (const key of ['OBJECT', 'TELESCOP', 'INSTRUME', 'FILTER']) expect(h.string(key), key).toBeTruthy();
			const dateObs = h.string('DATE-OBS')!;
			expect(dateObs).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
			expect(dateObs).toBe(set.frames[k].dateObs);
			const ms = Date.parse(`${dateObs.slice(0, 23)}Z`);
			if (previous) expect(ms - previous.ms).toBe(previous.exptime * 1000);
			previous = { ms, exptime: set.frames[k].exptime };
			// Pixel values stay in the camera's range.
			expect(Math.max(...f.pixels.subarray(0, 50000))).toBeLessThanOrEqual(SATURATION);
		}
		expect(previous).not.toBeNull();
	});

	it('passes fitsverify', () => {
		const out = execFileSync('fitsverify', ['-q', join(set.dir, set.frames[0].file)], { encoding: 'utf8' });
		expect(out).toMatch(/OK/);
	});
});
