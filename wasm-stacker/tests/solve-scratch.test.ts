// The solver must write only inside the scratch it is given (solveScratchBytes): whatever the host
// lays out after it (solve-call puts the result block there) must stay as it was.
import { describe, expect, it, vi } from 'vitest';
import { diskCatalogSource } from '../../src/lib/catalog/disk-source';
import { solveStars } from '../../src/lib/solve';
import type { Exports } from '../../src/lib/stacking/kernel/abi';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../src/lib/stacking/pool/local-pool';
import { Rng } from '../../tests/synthetic/rng';
import { skyStarList } from '../../tests/unit/solve/star-lists';
import { rawKernel } from './wasm';

const GUARD_BYTES = 256;

describe('solve scratch', () => {
	it('leaves the bytes after the scratch untouched through a full solve', async () => {
		// the kernel input solveStars builds for a solvable catalogue star list
		const catalog = diskCatalogSource('static/catalog');
		const { input: stars } = await skyStarList(catalog, new Rng(5), { ra: 83.8, dec: -5.4, angleDeg: 25 });
		const pool = createLocalPool(loadKernel());
		const solve = vi.spyOn(pool, 'solve');
		try {
			expect((await solveStars(pool, catalog, stars)).solved).toBe(true);
		} finally {
			await pool.close();
		}
		const input = solve.mock.calls[0][0];

		const heap = await rawKernel();
		const x = heap.x as unknown as Exports;
		const f64 = (values: ArrayLike<number>) => {
			const at = heap.alloc(values.length * 8);
			new Float64Array(x.memory.buffer, at, values.length).set(values);
			return at;
		};
		const nd = input.stars.length / 2;
		const nc = input.catalog.length / 2;
		const det = f64(input.stars);
		const cat = f64(input.catalog);
		const { width, height, scale, hint, fieldRadius, spacing, widenRadius } = input;
		const params = f64([width, height, scale, hint.ra, hint.dec, fieldRadius, spacing, widenRadius]);
		const scratch = heap.alloc(x.solveScratchBytes(nd, nc));
		const guard = heap.bytes(new Uint8Array(GUARD_BYTES).fill(0xa5));
		const out = heap.alloc(((x.SOLVE_OUT_FIELDS.value as number) + (x.SOLVE_PAIR_FIELDS.value as number) * Math.min(nd, nc)) * 8);
		expect(guard).toBe(scratch + x.solveScratchBytes(nd, nc));

		expect(x.solve(det, nd, cat, nc, params, scratch, out)).toBe(0);
		const after = new Uint8Array(x.memory.buffer, guard, GUARD_BYTES);
		const touched = after.findIndex((b) => b !== 0xa5);
		expect(touched, `first byte written past the scratch: +${touched}`).toBe(-1);
	});
});
