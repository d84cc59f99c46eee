/**
 * A generated linear stack whose stars have known B−V, for the colour calibration's tests: a
 * field of mostly red stars (not the average star a white balance on the field assumes), seen
 * through a camera with a colour cast, and the catalogue as a plate solution would place it.
 */
import type { ColourStar, PictureInput } from '../../../src/lib/picture';

export const W = 640;
export const H = 448;
/** The camera's response to R, G, B: the cast the calibration must undo. */
export const CAST = [1.4, 1, 0.6];
export const WHITE_BV = 0.65;

/** A star's true colour relative to a G2V star: ln(R/G) and ln(B/G) change linearly with B−V (as in blackbody-like spectra). */
export function trueColour(bv: number): [number, number, number] {
	return [Math.exp(0.9 * (bv - WHITE_BV)), 1, Math.exp(-1.1 * (bv - WHITE_BV))];
}

export interface ColourScene {
	input: PictureInput;
	/** Every star drawn, its true B−V and place. */
	stars: { x: number; y: number; bv: number }[];
	/** The catalogue as the solution places it: positions 0.4 px off, a few B−V wrong (variables, mismatches), and stars too faint to measure. */
	catalogue: ColourStar[];
}

export function colourScene(seed = 4242): ColourScene {
	const n = W * H;
	const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
	let s = seed;
	const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
	const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
	for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) planes[c][i] = CAST[c] * (800 + 0.5 * (i % W)) + 15 * gauss();
	const stars: ColourScene['stars'] = [];
	const catalogue: ColourStar[] = [];
	for (let k = 0; k < 50; k++) {
		const x = 30 + Math.floor(random() * (W - 60));
		const y = 30 + Math.floor(random() * (H - 60));
		// Seven in ten are K–M stars (B−V 1.1–1.6): the field's median star is far from white.
		const bv = k % 10 < 7 ? 1.1 + 0.5 * random() : 0.2 + 0.7 * random();
		stars.push({ x, y, bv });
		addStar(planes, x, y, 3000 + 300 * k, trueColour(bv));
		const wrong = k % 17 === 5; // 3 of 50: a catalogue colour 1.2 mag off
		catalogue.push({ x: x + 0.4 * gauss(), y: y + 0.4 * gauss(), bv: wrong ? (bv > 1 ? bv - 1.2 : bv + 1.2) : bv });
	}
	// Catalogue stars the picture does not measure (too faint here).
	for (let k = 0; k < 20; k++) catalogue.push({ x: random() * W, y: random() * H, bv: 0.3 + random() });
	return { input: { width: W, height: H, r: planes[0], g: planes[1], b: planes[2], footprint: null, nimages: 1 }, stars, catalogue };
}

function addStar(planes: Float32Array[], sx: number, sy: number, peak: number, colour: number[]): void {
	for (let y = sy - 10; y <= sy + 10; y++) {
		for (let x = sx - 10; x <= sx + 10; x++) {
			const v = peak * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / (2 * 1.8 * 1.8));
			planes.forEach((p, c) => (p[y * W + x] += CAST[c] * colour[c] * v));
		}
	}
}
