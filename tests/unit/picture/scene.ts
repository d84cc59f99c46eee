/** A generated linear stack for the picture's tests: gradient, colour cast, a galaxy, grey stars, a saturated one, thin edges. */
import type { PictureInput } from '../../../src/lib/picture';

export const W = 640;
export const H = 448;
export const NIMAGES = 8;
/** Stars' true colour is grey (R = G = B); the camera's response is R × 0.7, B × 0.5. */
export const RESPONSE = [0.7, 1, 0.5];
export const SATURATED = { x: 500, y: 300 };

export function generated(): { input: PictureInput; stars: [number, number][] } {
	const n = W * H;
	const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
	const footprint = new Uint16Array(n).fill(NIMAGES);
	let seed = 12345;
	const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
	const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
	const stars: [number, number][] = [];
	for (let k = 0; k < 60; k++) stars.push([40 + Math.floor(random() * (W - 120)), 30 + Math.floor(random() * (H - 60))]);
	for (let y = 0; y < H; y++) {
		for (let x = 0; x < W; x++) {
			const i = y * W + x;
			// Light pollution: brighter to the left and the bottom, stronger in red (the cast).
			const sky = [900 + 1.2 * (W - x) + 0.0015 * (y - H / 2) ** 2, 700 + 0.8 * (W - x) + 0.4 * y, 650 + 0.3 * (W - x)];
			const galaxy = 3000 * Math.exp(-((x - 320) ** 2 + (y - 220) ** 2) / (2 * 40 ** 2));
			for (let c = 0; c < 3; c++) planes[c][i] = sky[c] + RESPONSE[c] * galaxy + 20 * gauss();
			if (x < 12) planes.forEach((p) => (p[i] = NaN));
			else if (x >= W - 20) footprint[i] = 1;
		}
	}
	// Holes the combine can leave inside the field: a pixel most frames were rejected at, one none kept.
	footprint[200 * W + 300] = 1;
	planes.forEach((p) => (p[100 * W + 150] = NaN));
	footprint[100 * W + 150] = 0;
	stars.forEach(([sx, sy], k) => addStar(planes, sx, sy, 2000 + 400 * k, 1.8));
	addStar(planes, SATURATED.x, SATURATED.y, 400_000, 2.5);
	const clip = 30_000; // the saturated star's core is flat at full scale in all three
	for (const p of planes) for (let i = 0; i < n; i++) if (p[i] > clip) p[i] = clip;
	return { input: { width: W, height: H, r: planes[0], g: planes[1], b: planes[2], footprint, nimages: NIMAGES }, stars };
}

function addStar(planes: Float32Array[], sx: number, sy: number, peak: number, sigma: number): void {
	for (let y = sy - 10; y <= sy + 10; y++) {
		for (let x = sx - 10; x <= sx + 10; x++) {
			const v = peak * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / (2 * sigma * sigma));
			planes.forEach((p, c) => (p[y * W + x] += RESPONSE[c] * v));
		}
	}
}
