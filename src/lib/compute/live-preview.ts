import { makePicture, smallRgba } from '../picture';
import { areaAverage, fitWithin, makePreview } from '../stacking/preview';
import type { StackBand } from '../stacking/types';
import type { PreviewImage } from './types';

/** Longest side of the live preview, px. */
export const PREVIEW_MAX_SIZE = 400;

/**
 * Gathers the combined bands into full planes (NaN, shown black, where no band has landed yet)
 * and renders a small stretched preview at most once per `intervalMs`; at the end, the picture the
 * server will make of it (cropped, background removed, balanced, stretched). The picture is made
 * from planes averaged down to the preview's size first: ~40x fewer pixels, so a tab does not spend
 * most of a small job's CPU again on a preview (the server makes the full-size one).
 */
export function livePreview(intervalMs: number, emit: (preview: PreviewImage) => void) {
	let planes: { r: Float32Array; g: Float32Array; b: Float32Array; width: number; height: number } | undefined;
	let last = -Infinity;

	const render = () => {
		if (!planes) return;
		last = performance.now();
		emit(makePreview(planes.r, planes.g, planes.b, planes.width, planes.height, PREVIEW_MAX_SIZE));
	};

	return {
		onBand(band: StackBand): void {
			const { width, height } = band;
			if (!planes || planes.width !== width || planes.height !== height) {
				const blank = () => new Float32Array(width * height).fill(NaN);
				planes = { r: blank(), g: blank(), b: blank(), width, height };
			}
			const at = band.y0 * width;
			planes.r.set(band.r, at);
			planes.g.set(band.g, at);
			planes.b.set(band.b, at);
			if (performance.now() - last >= intervalMs) render();
		},
		/** The whole stack's picture, once every band is in. */
		finish(): void {
			if (!planes) return;
			const { width, height } = planes;
			const { width: ow, height: oh } = fitWithin(width, height, PREVIEW_MAX_SIZE);
			const [r, g, b] = [planes.r, planes.g, planes.b].map((p) => areaAverage(p, width, height, ow, oh));
			emit(smallRgba(makePicture({ width: ow, height: oh, r, g, b, footprint: null, nimages: 1 }), PREVIEW_MAX_SIZE));
		}
	};
}
