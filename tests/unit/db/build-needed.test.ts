import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { buildNeeded } from '../../../scripts/start.js';

let root: string;
const file = (relative: string, mtimeSeconds: number) => {
	const full = path.join(root, relative);
	mkdirSync(path.dirname(full), { recursive: true });
	writeFileSync(full, '');
	utimesSync(full, mtimeSeconds, mtimeSeconds);
};

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'crowdsky-build-'));
	file('src/routes/+page.svelte', 1000);
	file('src/lib/deep/nested/module.ts', 1000);
	file('package.json', 1000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a missing build must be built', () => {
	expect(buildNeeded(path.join(root, 'build'), root)).toMatch(/^no build at /);
});

test('a build newer than every source is current', () => {
	file('build/handler.js', 2000);
	expect(buildNeeded(path.join(root, 'build'), root)).toBeUndefined();
});

test('a source changed after the build, however deep, makes it stale', () => {
	file('build/handler.js', 2000);
	file('src/lib/deep/nested/module.ts', 3000);
	expect(buildNeeded(path.join(root, 'build'), root)).toBe('src changed since the last build');
});

test('so does the kernel source', () => {
	file('build/handler.js', 2000);
	file('wasm-stacker/assembly/index.ts', 3000);
	expect(buildNeeded(path.join(root, 'build'), root)).toBe('wasm-stacker/assembly changed since the last build');
});
