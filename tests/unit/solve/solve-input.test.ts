import { afterAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { solveStars, type SolveInput } from '../../../src/lib/solve';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';

const catalog = diskCatalogSource('static/catalog');
const pool = createLocalPool(loadKernel());
afterAll(() => pool.close());

const input: SolveInput = { stars: [], width: 1080, height: 1920, hint: { ra: 192.75, dec: 41.12 }, scale: 2.39 };

describe('solveStars refuses what it cannot solve from, naming the value', () => {
	it.each([
		[{ width: 0 }, /image size 0 x 1920/],
		[{ height: 10.5 }, /image size 1080 x 10.5/],
		[{ scale: -1 }, /nominal scale -1″\/px/],
		[{ scale: NaN }, /nominal scale NaN/],
		[{ hint: { ra: 10, dec: 95 } }, /hint must be a sky position/],
		[{ hint: { ra: NaN, dec: 0 } }, /hint must be a sky position/],
		[{ stars: 'x' as unknown as SolveInput['stars'] }, /stars must be an array/]
	])('%j', async (change, message) => {
		await expect(solveStars(pool, catalog, { ...input, ...change })).rejects.toThrow(message);
	});

	it('leaves out stars without a finite position or flux, and says how many it had', async () => {
		const stars = Array.from({ length: 10 }, (_, i) => ({ x: i < 4 ? NaN : 100 + 50 * i, y: 200 + 30 * i, flux: i === 9 ? undefined : 1 }));
		const result = await solveStars(pool, catalog, { ...input, stars });
		expect(result).toEqual({ solved: false, reason: 'only 5 usable stars detected, at least 8 needed', triedCentres: 0 });
	});
});

describe('the kernel call refuses malformed lists', () => {
	it('refuses an odd-length star list and non-finite coordinates', async () => {
		const kernel = await loadKernel();
		const call = { catalog: new Float64Array(4), width: 100, height: 100, scale: 2, hint: { ra: 0, dec: 0 }, fieldRadius: 0.1, spacing: 0.05, widenRadius: 0.2 };
		expect(() => kernel.solve({ ...call, stars: new Float64Array(3) })).toThrow(/x, y pairs/);
		expect(() => kernel.solve({ ...call, stars: Float64Array.of(1, NaN) })).toThrow(/finite/);
		expect(() => kernel.solve({ ...call, stars: new Float64Array(2), spacing: 0 })).toThrow(/spacing 0°/);
	});
});
