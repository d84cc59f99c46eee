import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AlignError, applyAffine, findTransform, type Affine } from '../../../src/lib/stacking/match';
import { generateSet } from '../../synthetic';
import { loadFrame } from '../synthetic/measure';
import { detectStars } from './detect';

const tmp = mkdtempSync(join(tmpdir(), 'match-frames-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function rmsOverFrame(a: Affine, b: Affine, width: number, height: number): number {
	let sum = 0;
	let n = 0;
	for (let y = 0; y < height; y += height / 10) {
		for (let x = 0; x < width; x += width / 10) {
			const [ax, ay] = applyAffine(a, x, y);
			const [bx, by] = applyAffine(b, x, y);
			sum += (ax - bx) ** 2 + (ay - by) ** 2;
			n++;
		}
	}
	return Math.sqrt(sum / n);
}

describe('findTransform on rendered synthetic frames', () => {
	it('aligns every frame to the reference (rotation to 40°, shifts to 150 px, trail, cloud, hot pixels)', () => {
		const set = generateSet({
			dir: join(tmp, 'set'),
			count: 6,
			width: 540,
			height: 960,
			seed: 21,
			rotationDeg: 40,
			maxShift: 150,
			hotPixels: 30,
			exptimes: [10, 20]
		});
		const ref = detectStars(loadFrame(set.dir, set.reference));
		const report: string[] = [];
		for (const truth of set.frames.slice(1)) {
			const stars = detectStars(loadFrame(set.dir, truth.file));
			const kind = truth.clouded ? 'clouded' : truth.trail ? 'trail' : `${truth.exptime} s`;
			let r;
			try {
				r = findTransform(stars, ref);
			} catch (err) {
				// Through cloud too few stars may remain: refusing is right, a wrong answer is not.
				expect(truth.clouded, `${kind}: ${err}`).toBe(true);
				expect(err).toBeInstanceOf(AlignError);
				report.push(`${kind}: ${stars.length} stars, refused: ${(err as AlignError).kind}`);
				continue;
			}
			const err = rmsOverFrame(r.transform, truth.transform, set.width, set.height);
			report.push(`${kind}: ${stars.length} stars, ${r.pairs.length} pairs, rms ${r.rms.toFixed(3)} px, error over the frame ${err.toFixed(3)} px`);
			expect(err, kind).toBeLessThan(0.25);
		}
		console.log(report.join('\n'));
	});
});
