import { median } from '../stacking/align';
import type { SkyModel } from './background';
import { tileLevels } from './tiles';
import type { Planes } from './types';

/**
 * Equal sky levels in R, G and B on the display, in place: the linear sky is 0 in every channel,
 * but the stretch's gain falls with the luminance, and a noisier channel (blue, scaled up most by
 * the white balance) loses more of its median to it. Each channel is shifted to the mean sky level;
 * saturated pixels stay white.
 */
export function neutralSky(p: Planes, model: SkyModel, saturated: Uint8Array): void {
	const planes = [p.r, p.g, p.b];
	const skyTiles = [...model.sky.keys()].filter((t) => model.sky[t]);
	const levels = planes.map((plane) => {
		const { level } = tileLevels(plane, model.grid);
		return median(skyTiles.map((t) => level[t]));
	});
	const target = (levels[0] + levels[1] + levels[2]) / 3;
	const [shiftR, shiftG, shiftB] = levels.map((level) => target - level);
	const { r, g, b } = p;
	// One pass over the three planes, the clamp inline: no Math call per pixel.
	for (let i = 0; i < r.length; i++) {
		if (saturated[i]) continue;
		const vr = r[i] + shiftR;
		const vg = g[i] + shiftG;
		const vb = b[i] + shiftB;
		r[i] = vr < 0 ? 0 : vr > 1 ? 1 : vr;
		g[i] = vg < 0 ? 0 : vg > 1 ? 1 : vg;
		b[i] = vb < 0 ? 0 : vb > 1 ? 1 : vb;
	}
}
