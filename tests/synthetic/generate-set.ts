import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFits } from '../../src/lib/fits';
import { fieldBounds, planFrames, type FramePlan } from './frame-plan';
import { seestarCards } from './header';
import { resolveOptions, type ResolvedOptions } from './options';
import { renderSignal, type Scene } from './render';
import { deriveSeed, Rng } from './rng';
import { expose, makeHotPixels } from './sensor';
import { makeStarField } from './star-field';
import type { GenerateOptions, SyntheticFrameTruth, SyntheticSet } from './types';

/** Independent random streams of one set, so changing one part does not reshuffle the others. */
const STREAM = { plan: 1, stars: 2, sensor: 3, noise: 4 } as const;

/** Stars are placed this far beyond everything the frames see, so stamps reaching in are complete. */
const FIELD_PAD = 30;

function makeScene(o: ResolvedOptions, plans: FramePlan[]): Scene {
	const bounds = fieldBounds(plans, o.width, o.height, FIELD_PAD);
	return {
		width: o.width,
		height: o.height,
		bayer: o.bayer,
		stars: makeStarField(new Rng(deriveSeed(o.seed, STREAM.stars)), bounds, o.width * o.height, o.stars, plans[0].wcs, o.catalog),
		blob: o.blob,
		hotPixels: makeHotPixels(new Rng(deriveSeed(o.seed, STREAM.sensor)), o.hotPixels, o.width, o.height)
	};
}

/** One frame's FITS bytes: the rendered signal with noise, in the Seestar's layout. */
function renderFrameFits(o: ResolvedOptions, scene: Scene, plan: FramePlan): Uint8Array {
	const pixels = expose(renderSignal(scene, plan), new Rng(deriveSeed(o.seed, STREAM.noise, plan.index)), o.bitpix);
	return writeFits([
		{
			kind: 'primary-image',
			bitpix: o.bitpix,
			width: o.width,
			height: o.height,
			data: pixels,
			bzero: o.bitpix === 16 ? 32768 : 0,
			cards: seestarCards(plan, o.bayer)
		}
	]);
}

function truthOf(plan: FramePlan, scene: Scene): SyntheticFrameTruth {
	return {
		file: plan.file,
		transform: plan.transform,
		wcs: plan.wcs,
		clouded: plan.clouded,
		trail: plan.trail !== null,
		hotPixels: scene.hotPixels.map((h): [number, number] => [h.x, h.y]),
		exptime: plan.exptime,
		...(plan.trail ? { trailLine: plan.trail } : {}),
		dateObs: plan.dateObs,
		fwhm: plan.fwhm
	};
}

/**
 * Writes `count` Seestar-like raw frames of one synthetic star field to `dir`, with known
 * transforms (frame pixel -> frame 0 pixel) and true WCS (in each header too), plus `truth.json` holding the returned set without
 * `dir`. Same options, same bytes.
 */
export function generateSet(opts: GenerateOptions): SyntheticSet {
	const o = resolveOptions(opts);
	const plans = planFrames(o, new Rng(deriveSeed(o.seed, STREAM.plan)));
	const scene = makeScene(o, plans);
	mkdirSync(o.dir, { recursive: true });
	for (const plan of plans) writeFileSync(join(o.dir, plan.file), renderFrameFits(o, scene, plan));
	const truth: Omit<SyntheticSet, 'dir'> = {
		reference: plans[0].file,
		frames: plans.map((p) => truthOf(p, scene)),
		stars: scene.stars,
		field: o.field,
		width: o.width,
		height: o.height,
		bayer: o.bayer,
		bitpix: o.bitpix,
		seed: o.seed
	};
	writeFileSync(join(o.dir, 'truth.json'), `${JSON.stringify(truth, null, '\t')}\n`);
	return { dir: o.dir, ...truth };
}
