import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runnerBundle } from '../../../scripts/runner-bundle.js';

const INPUTS = fileURLToPath(new URL('../../../node_modules/.cache/crowdsky-runner/inputs.json', import.meta.url));

describe('the runner bundle', () => {
	it('bundles the runner with the content hash of every source in it', async () => {
		const { main } = await import(await runnerBundle());
		expect(typeof main).toBe('function');
		const { inputs } = JSON.parse(readFileSync(INPUTS, 'utf8'));
		expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['src/lib/runner/main.ts', 'src/lib/runner/stack-command.ts', 'src/lib/stacking/stack-frames.ts']));
	});

	it('is rebuilt when a source no longer has the content it was built from', async () => {
		await runnerBundle();
		const built = JSON.parse(readFileSync(INPUTS, 'utf8'));
		const right = built.inputs['src/lib/runner/main.ts'];
		writeFileSync(INPUTS, JSON.stringify({ ...built, inputs: { ...built.inputs, 'src/lib/runner/main.ts': 'stale' } }));
		await runnerBundle();
		expect(JSON.parse(readFileSync(INPUTS, 'utf8')).inputs['src/lib/runner/main.ts']).toBe(right);
	});

	it('does not load esbuild in a process whose bundles are fresh (loading it costs ~0.13 s of CPU)', async () => {
		await runnerBundle();
		const script = `import { createRequire } from 'node:module';
			import { runnerBundle } from './scripts/runner-bundle.js';
			await import(await runnerBundle());
			const loaded = Object.keys(createRequire(import.meta.url).cache).filter((m) => m.includes('/node_modules/esbuild/'));
			console.log(JSON.stringify(loaded));`;
		const root = fileURLToPath(new URL('../../../', import.meta.url));
		const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
		expect(JSON.parse(out)).toEqual([]);
	});
});
