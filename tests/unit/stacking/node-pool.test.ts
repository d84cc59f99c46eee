import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNodePool } from '../../../src/lib/stacking/pool/node-pool';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { workerBundle } from '../../../src/lib/stacking/pool/worker-bundle';

const ENTRY = new URL('../../../src/lib/stacking/pool/node-worker.ts', import.meta.url);
const CACHE = new URL('../../../node_modules/.cache/crowdsky-worker/node-worker/', import.meta.url);

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

	it("keeps the bundle on disk with its sources' hashes, and another process starts from it without building", () => {
		workerBundle(ENTRY);
		const built = JSON.parse(readFileSync(new URL('inputs.json', CACHE), 'utf8'));
		expect(Object.keys(built.inputs)).toContain('src/lib/stacking/pool/node-worker.ts');
		// A mark only the stored file has: a process that built the bundle itself would not end with it.
		const mark = `// stored ${Date.now()}`;
		appendFileSync(new URL(built.bundle, CACHE), mark);
		const script = `import { workerBundle } from './src/lib/stacking/pool/worker-bundle.ts';
			console.log(decodeURIComponent(workerBundle(new URL(${JSON.stringify(ENTRY.href)})).href).endsWith(${JSON.stringify(mark)}));`;
		const root = fileURLToPath(new URL('../../../', import.meta.url));
		const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
		expect(out.trim()).toBe('true');
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
