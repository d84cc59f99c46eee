import { removeBackground } from './background';
import { neutralSky } from './neutral-sky';
import { saturatedPixels } from './saturation';
import { smoothChroma } from './chroma';
import { fillHoles } from './fill-holes';
import { coverageMask, cropPlanes, largestRectangle } from './crop';
import { starColours } from './stars';
import { calibrateColour } from './catalog-white-balance';
import { stretchLinked } from './tone';
import type { Picture, PictureInput, Rect } from './types';

/**
 * The picture of a linear stack: cropped to where at least half the frames cover, background
 * removed, colour calibrated (on the catalogue's stars, else the average star), stretched keeping
 * colour, the sky made neutral, chroma noise smoothed; 16-bit RGB.
 * Deterministic (fixed order of every sum), for browser and Node; the input planes are not changed.
 */
export function makePicture(input: PictureInput): Picture {
	const { width, height } = input;
	for (const plane of [input.r, input.g, input.b]) {
		if (plane.length !== width * height) throw new RangeError(`a plane has ${plane.length} values, expected ${width} x ${height}`);
	}
	let crop = coveredRectangle(input);
	// Frames that hardly overlap leave no pixel with half of them: then all that was measured.
	if (crop.width === 0 && input.footprint) crop = coveredRectangle({ ...input, footprint: null });
	if (crop.width === 0) throw new RangeError('no pixel of the stack was measured: nothing to show');
	const planes = cropPlanes(input, crop);
	const saturated = saturatedPixels(planes);
	const model = removeBackground(planes);
	const colour = calibrateColour(planes, starColours(planes, model.noise[1]), input.colourStars, crop);
	stretchLinked(planes, model, saturated);
	neutralSky(planes, model, saturated);
	smoothChroma(planes, saturated);
	const n = crop.width * crop.height;
	const rgb = new Uint16Array(n * 3);
	// Values lie in [0, 1]: adding a half and truncating rounds them, faster than Math.round.
	const { r, g, b } = planes;
	for (let i = 0; i < n; i++) {
		rgb[i * 3] = (r[i] * 65535 + 0.5) | 0;
		rgb[i * 3 + 1] = (g[i] * 65535 + 0.5) | 0;
		rgb[i * 3 + 2] = (b[i] * 65535 + 0.5) | 0;
	}
	return { width: crop.width, height: crop.height, rgb, crop, colour };
}

function coveredRectangle(input: PictureInput): Rect {
	const mask = coverageMask(input);
	fillHoles(mask, input.width, input.height);
	return largestRectangle(mask, input.width, input.height);
}
