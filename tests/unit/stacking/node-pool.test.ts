import { describe, expect, it } from 'vitest';
import { createNodePool } from '../../../src/lib/stacking/pool/node-pool';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { workerBundle } from '../../../src/lib/stacking/pool/worker-bundle';

const ENTRY = new URL('../../../src/lib/stacking/pool/node-worker.ts', import.meta.url);

describe('createNodePool', () => {
	it('starts its workers from one bundle per process that imports nothing but Node built-ins', () => {
		const url = workerBundle(ENTRY);
		expect(workerBundle(ENTRY)).toBe(url);
		expect(url.protocol).toBe('data:');
		const code = decodeURIComponent(url.pathname.replace(/^text\/javascript,/, ''));
		const specifiers = [...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]);
		expect(specifiers.length).toBeGreaterThan(0);
		expect(specifiers.filter((s) => !s.startsWith('node:'))).toEqual([]);
	});

	it('answers as the in-process kernel does from each worker', async () => {
		const pool = createNodePool(2);
		try {
			const values = new Float64Array([2, 1000, 1e-3, 7]);
			const local = (await loadKernel()).log10(values);
			const answers = await Promise.all([pool.log10(values), pool.log10(values)]);
			for (const a of answers) expect(Array.from(a)).toEqual(Array.from(local));
		} finally {
			await pool.close();
		}
	});
});
