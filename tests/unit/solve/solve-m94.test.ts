import { beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { solveField, type SolveInput } from '../../../src/lib/solve';
import { m94SolveInput } from './solve-inputs';

const catalog = diskCatalogSource('static/catalog');
let m94: SolveInput;

beforeAll(async () => {
	m94 = await m94SolveInput();
}, 120_000);

describe('solving the M 94 stack against the catalogue', () => {
	it('solves with the scale, parity and centre solve-field found', async () => {
		const t0 = performance.now();
		const result = await solveField(catalog, m94);
		const ms = performance.now() - t0;
		console.log(`M 94 solve in ${ms.toFixed(0)} ms:`, JSON.stringify(result));
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (!result.solved) return;
		expect(Math.abs(result.scale / 2.376 - 1)).toBeLessThan(0.01);
		expect(result.parity).toBe('flipped');
		expect(result.matches).toBeGreaterThanOrEqual(8);
		// solve-field (index 4108) on this same star list: centre (192.751672, 41.121984), 2.3763″/px,
		// parity neg, 42.77′ x 76.04′. The rounded 192.72 is 86″ from it.
		expect(separationDeg(result.centre.ra, result.centre.dec, 192.751672, 41.121984) * 3600).toBeLessThan(10);
	});

	it('does not solve with a hint 5° off', async () => {
		const result = await solveField(catalog, { ...m94, hint: { ra: m94.hint.ra, dec: m94.hint.dec + 5 } });
		expect(result.solved).toBe(false);
	});

	it('does not solve a random star list', async () => {
		// A fixed-seed LCG: the same "random" stars on every run.
		let seed = 12345;
		const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const stars = Array.from({ length: 300 }, () => ({ x: next() * m94.width, y: next() * m94.height, flux: next() * 1000 }));
		const result = await solveField(catalog, { ...m94, stars });
		expect(result.solved).toBe(false);
	});
});
