import type { BayerPattern } from '../../src/lib/fits';
import { applyAffine, invertAffine } from '../../src/lib/stacking/match';
import { dot, siteResponse, type Rgb } from './cfa';
import type { FramePlan } from './frame-plan';
import {
	BLOB_COLOR,
	BLOB_PEAK,
	BLOB_SIGMA,
	CLOUD_SKY_FACTOR,
	PEDESTAL,
	SKY_10S,
	SKY_GRADIENT,
	TRACKING_ELONGATION,
	TRAIL_PEAK,
	TRAIL_SIGMA
} from './model';
import { FWHM_PER_SIGMA, pixelIntegrals, stampRadius } from './psf';
import type { HotPixel } from './sensor';
import type { SyntheticStar } from './types';

/** Everything fixed for a set: the sky in reference geometry and the sensor. */
export interface Scene {
	width: number;
	height: number;
	bayer: BayerPattern | null;
	stars: SyntheticStar[];
	blob: boolean;
	hotPixels: HotPixel[];
}

const site = (x: number, y: number) => ((y & 1) << 1) | (x & 1);

/** Pedestal + sky with a linear gradient fixed on the sensor (light pollution does not rotate with the field). */
function addSky(img: Float32Array, scene: Scene, resp: Rgb[], skyScale: number): void {
	const { width, height } = scene;
	const level = resp.map((r) => dot(r, SKY_10S) * skyScale);
	for (let y = 0; y < height; y++) {
		const gy = 0.5 * (y / height - 0.5);
		for (let x = 0; x < width; x++) {
			const g = 1 + SKY_GRADIENT * (x / width - 0.5 + gy);
			img[y * width + x] = PEDESTAL + level[site(x, y)] * g;
		}
	}
}

/** A faint elliptical glow fixed on the sky, evaluated where each frame pixel falls in the reference. */
function addBlob(img: Float32Array, scene: Scene, plan: FramePlan, resp: Rgb[], starScale: number): void {
	const { width, height } = scene;
	const side = Math.min(width, height);
	const cx = 0.3 * width;
	const cy = 0.62 * height;
	const sa = BLOB_SIGMA[0] * side;
	const sb = BLOB_SIGMA[1] * side;
	const ca = Math.cos(Math.PI / 6);
	const sn = Math.sin(Math.PI / 6);
	const peak = resp.map((r) => dot(r, BLOB_COLOR) * BLOB_PEAK * starScale);
	// Frame pixels within 4σ of the centre: bound by the centre's frame position ± 4σ_major.
	const [fx, fy] = applyAffine(invertAffine(plan.transform), cx, cy);
	const r = Math.ceil(4 * sa);
	for (let y = Math.max(0, Math.floor(fy - r)); y <= Math.min(height - 1, Math.ceil(fy + r)); y++) {
		for (let x = Math.max(0, Math.floor(fx - r)); x <= Math.min(width - 1, Math.ceil(fx + r)); x++) {
			const [rx, ry] = applyAffine(plan.transform, x, y);
			const u = ((rx - cx) * ca + (ry - cy) * sn) / sa;
			const v = (-(rx - cx) * sn + (ry - cy) * ca) / sb;
			img[y * width + x] += peak[site(x, y)] * Math.exp(-0.5 * (u * u + v * v));
		}
	}
}

/**
 * Each star as a pixel-integrated elliptical Gaussian (axes along the sensor) centred where the
 * star falls in this frame. Separable, so a star costs two short erf rows and one small box.
 */
function addStars(img: Float32Array, scene: Scene, plan: FramePlan, resp: Rgb[], starScale: number): void {
	const { width, height } = scene;
	const toFrame = invertAffine(plan.transform);
	const sx = plan.fwhm / FWHM_PER_SIGMA;
	const sy = sx * TRACKING_ELONGATION;
	const siteFlux = [0, 0, 0, 0];
	for (const star of scene.stars) {
		const [fx, fy] = applyAffine(toFrame, star.x, star.y);
		const flux = star.flux * starScale;
		const peak = (flux * Math.max(...star.color)) / (2 * Math.PI * sx * sy);
		const r = stampRadius(peak, sy);
		const x0 = Math.max(0, Math.round(fx) - r);
		const x1 = Math.min(width - 1, Math.round(fx) + r);
		const y0 = Math.max(0, Math.round(fy) - r);
		const y1 = Math.min(height - 1, Math.round(fy) + r);
		if (x0 > x1 || y0 > y1) continue;
		const gx = pixelIntegrals(fx, sx, x0, x1 - x0 + 1);
		const gy = pixelIntegrals(fy, sy, y0, y1 - y0 + 1);
		for (let s = 0; s < 4; s++) siteFlux[s] = flux * dot(resp[s], star.color);
		for (let y = y0; y <= y1; y++) {
			const wy = gy[y - y0];
			const row = y * width;
			for (let x = x0; x <= x1; x++) img[row + x] += siteFlux[site(x, y)] * gx[x - x0] * wy;
		}
	}
}

/** A bright straight streak with a Gaussian cross-section along the plan's trail line. */
function addTrail(img: Float32Array, scene: Scene, plan: FramePlan, resp: Rgb[]): void {
	if (!plan.trail) return;
	const { width, height } = scene;
	const [ax, ay, bx, by] = plan.trail;
	const len = Math.hypot(bx - ax, by - ay);
	const nx = -(by - ay) / len;
	const ny = (bx - ax) / len;
	const reach = 6 * TRAIL_SIGMA;
	const level = resp.map((r) => dot(r, [1, 1, 1]) * TRAIL_PEAK);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const d = (x - ax) * nx + (y - ay) * ny;
			if (d > reach || d < -reach) continue;
			img[y * width + x] += level[site(x, y)] * Math.exp((-0.5 * d * d) / (TRAIL_SIGMA * TRAIL_SIGMA));
		}
	}
}

function addHotPixels(img: Float32Array, scene: Scene, exposureScale: number): void {
	for (const h of scene.hotPixels) img[h.y * scene.width + h.x] += h.adu * exposureScale;
}

/** The expected (noise-free) signal of one frame, ADU, in storage order on the CFA. */
export function renderSignal(scene: Scene, plan: FramePlan): Float32Array {
	const img = new Float32Array(scene.width * scene.height);
	const resp = siteResponse(scene.bayer);
	const exposureScale = plan.exptime / 10;
	const starScale = exposureScale * plan.transmission;
	addSky(img, scene, resp, exposureScale * (plan.clouded ? CLOUD_SKY_FACTOR : 1));
	if (scene.blob) addBlob(img, scene, plan, resp, starScale);
	addStars(img, scene, plan, resp, starScale);
	addTrail(img, scene, plan, resp);
	addHotPixels(img, scene, exposureScale);
	return img;
}
