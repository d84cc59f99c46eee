import { applyAffine } from '../../../src/lib/stacking/match';
import type { Affine, Point } from '../../../src/lib/stacking/match';
import { Rng } from '../../synthetic/rng';

export const WIDTH = 1080;
export const HEIGHT = 1920;

/** n stars uniform over the frame (plus margin), fluxes from a power law: few bright, many faint. */
export function randomStars(rng: Rng, n: number, margin = 0): Point[] {
	return Array.from({ length: n }, () => ({
		x: rng.uniform(-margin, WIDTH + margin),
		y: rng.uniform(-margin, HEIGHT + margin),
		flux: 1000 / (1 - rng.next()) ** 1.5
	}));
}

/** Rotation by `deg` and scale about the frame centre, then a shift. */
export function similarity(deg: number, shiftX: number, shiftY: number, scale = 1): Affine {
	const th = (deg * Math.PI) / 180;
	const c = scale * Math.cos(th);
	const s = scale * Math.sin(th);
	const cx = WIDTH / 2;
	const cy = HEIGHT / 2;
	return [c, -s, cx - c * cx + s * cy + shiftX, s, c, cy - s * cx - c * cy + shiftY];
}

export function mapPoints(t: Affine, pts: Point[], rng?: Rng, sigma = 0): Point[] {
	return pts.map((p) => {
		const [x, y] = applyAffine(t, p.x, p.y);
		return { x: x + (rng ? sigma * rng.normal() : 0), y: y + (rng ? sigma * rng.normal() : 0), flux: p.flux };
	});
}

export function inFrame(p: Point): boolean {
	return p.x >= 0 && p.x < WIDTH && p.y >= 0 && p.y < HEIGHT;
}

/** RMS over a grid covering the frame of the distance between where two transforms send a pixel. */
export function transformRmsError(a: Affine, b: Affine): number {
	let sum = 0;
	let n = 0;
	for (let y = 0; y <= HEIGHT; y += HEIGHT / 16) {
		for (let x = 0; x <= WIDTH; x += WIDTH / 9) {
			const [ax, ay] = applyAffine(a, x, y);
			const [bx, by] = applyAffine(b, x, y);
			sum += (ax - bx) ** 2 + (ay - by) ** 2;
			n++;
		}
	}
	return Math.sqrt(sum / n);
}

/** Fisher–Yates shuffle with the seeded generator. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
