import type { BayerPattern, Bitpix } from '../../src/lib/fits';
import { DEFAULT_FIELD, FULL_HEIGHT, FULL_WIDTH, HOT_PIXELS_PER_FULL_FRAME, STARS_PER_FULL_FRAME } from './model';
import type { GenerateOptions } from './types';
import type { CatalogStar } from '../../src/lib/catalog';

export type ResolvedOptions = Required<Omit<GenerateOptions, 'bayer' | 'catalog'>> & { bayer: BayerPattern | null; catalog: readonly CatalogStar[] | null };

const BAYERS: readonly BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];
const BITPIXES: readonly Bitpix[] = [8, 16, 32, -32, -64];

function fail(name: string, value: unknown, supported: string): never {
	throw new RangeError(`generateSet: ${name} = ${JSON.stringify(value)} is not supported; ${supported}`);
}

function positiveInt(name: string, v: number, max = Infinity): number {
	if (!Number.isInteger(v) || v < 1 || v > max) fail(name, v, `use an integer from 1 to ${max}`);
	return v;
}

function frameIndex(name: string, v: number, count: number): number {
	if (!Number.isInteger(v) || v < -1 || v >= count) fail(name, v, `use -1 (none) or a frame index from 0 to ${count - 1}`);
	return v;
}

function validCatalogStar(s: CatalogStar): boolean {
	return Number.isFinite(s?.ra) && Number.isFinite(s.dec) && Number.isFinite(s.vt) && Number.isInteger(s.row);
}

/** Fills in the defaults and checks every option, naming the bad value and what is allowed. */
export function resolveOptions(o: GenerateOptions): ResolvedOptions {
	if (typeof o.dir !== 'string' || o.dir === '') fail('dir', o.dir, 'give the directory to write to');
	const count = positiveInt('count', o.count, 10000);
	const width = positiveInt('width', o.width ?? FULL_WIDTH, 20000);
	const height = positiveInt('height', o.height ?? FULL_HEIGHT, 20000);
	if (width < 32 || height < 32) fail('width x height', `${width}x${height}`, 'frames must be at least 32 x 32');
	const seed = o.seed ?? 1;
	if (!Number.isInteger(seed)) fail('seed', seed, 'use an integer');
	const rotationDeg = o.rotationDeg ?? 1;
	if (!Number.isFinite(rotationDeg)) fail('rotationDeg', rotationDeg, 'use a finite angle in degrees');
	const maxShift = o.maxShift ?? 15;
	if (!(maxShift >= 0) || !Number.isFinite(maxShift)) fail('maxShift', maxShift, 'use a finite number of pixels ≥ 0');
	const area = (width * height) / (FULL_WIDTH * FULL_HEIGHT);
	const hotPixels = o.hotPixels ?? Math.max(5, Math.round(HOT_PIXELS_PER_FULL_FRAME * area));
	if (!Number.isInteger(hotPixels) || hotPixels < 0 || hotPixels > width * height) fail('hotPixels', hotPixels, 'use an integer count ≥ 0');
	const exptimes = o.exptimes ?? [10];
	if (!Array.isArray(exptimes) || exptimes.length === 0 || !exptimes.every((e) => Number.isFinite(e) && e >= 1)) {
		fail('exptimes', exptimes, 'use a non-empty array of seconds, each ≥ 1 (file names carry whole seconds)');
	}
	const bayer = o.bayer === undefined ? 'GRBG' : o.bayer;
	if (bayer !== null && !BAYERS.includes(bayer)) fail('bayer', bayer, `use one of ${BAYERS.join(', ')} or null (mono)`);
	const bitpix = o.bitpix ?? 16;
	if (!BITPIXES.includes(bitpix)) fail('bitpix', bitpix, `use one of ${BITPIXES.join(', ')}`);
	const stars = o.stars ?? STARS_PER_FULL_FRAME;
	if (!(stars >= 0) || !Number.isFinite(stars)) fail('stars', stars, 'use a finite count ≥ 0');
	const field = o.field ?? DEFAULT_FIELD;
	const { ra, dec, angleDeg } = field;
	if (!(ra >= 0 && ra < 360) || !(dec > -90 && dec < 90) || !Number.isFinite(angleDeg)) {
		fail('field', field, 'use ra in [0, 360), dec in (-90, 90) and a finite angleDeg, degrees');
	}
	const catalog = o.catalog ?? null;
	if (catalog !== null && (!Array.isArray(catalog) || !catalog.every(validCatalogStar))) {
		fail('catalog', '[…]', 'use null or an array of catalogue stars (finite ra, dec, vt and an integer row)');
	}
	return {
		dir: o.dir,
		count,
		width,
		height,
		seed,
		rotationDeg,
		maxShift,
		trailFrame: frameIndex('trailFrame', o.trailFrame ?? (count >= 3 ? 1 : -1), count),
		cloudedFrame: frameIndex('cloudedFrame', o.cloudedFrame ?? (count >= 4 ? count - 1 : -1), count),
		hotPixels,
		exptimes,
		bayer,
		bitpix,
		stars,
		blob: o.blob ?? true,
		field: { ra, dec, angleDeg },
		catalog
	};
}
