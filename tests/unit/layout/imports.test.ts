/**
 * Code that `node runner.js` and the browser harness load without Vite must import by relative
 * path: `$lib/...` is a Vite alias, so such an import passes under vitest and breaks both hosts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const LIB = join(ROOT, 'src/lib');
/** Folders of src/lib whose code runs outside Vite, and the subfolder that runs only in the app. */
const RELATIVE_ONLY = ['stacking', 'solve', 'compute', 'fits', 'chunks', 'catalog', 'wcs', 'api', 'util', 'format', 'image'];
const EXEMPT = [join(LIB, 'compute/ui')];
const SOURCE = /\.(ts|js|mjs)$/;
/** `from '$lib/…'` (imports and re-exports), `import('$lib/…')` and `import '$lib/…'`. */
const ALIAS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]\$lib\//;

function* sourceFiles(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!EXEMPT.includes(path)) yield* sourceFiles(path);
		} else if (SOURCE.test(entry.name)) yield path;
	}
}

/** `file:line: text` (file relative to `base`) for every `$lib/...` import under the directories. */
function aliasImports(dirs: string[], base: string): string[] {
	const found: string[] = [];
	for (const dir of dirs.filter((d) => existsSync(d))) {
		for (const file of sourceFiles(dir)) {
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, i) => {
					if (ALIAS_IMPORT.test(line)) found.push(`${relative(base, file)}:${i + 1}: ${line.trim()}`);
				});
		}
	}
	return found;
}

describe('imports outside Vite', () => {
	it(`src/lib/{${RELATIVE_ONLY.join(',')}} (but compute/ui) import by relative path, never $lib`, () => {
		const found = aliasImports(RELATIVE_ONLY.map((f) => join(LIB, f)), ROOT);
		expect(found, 'these lines import $lib/...: use a relative path (see "Rules" in the README)').toEqual([]);
	});

	it('the check names the file and line of each alias import, and ignores relative ones', () => {
		const dir = mkdtempSync(join(tmpdir(), 'crowdsky-imports-'));
		try {
			mkdirSync(join(dir, 'deep'));
			writeFileSync(join(dir, 'ok.ts'), `import { a } from '../fits';\n// mentions $lib/ in a comment\n`);
			writeFileSync(join(dir, 'deep/bad.ts'), `import { a } from './a';\nexport { b } from '$lib/fits';\nconst c = await import("$lib/chunks");\nimport '$lib/app.css';\n`);
			expect(aliasImports([dir], dir)).toEqual([
				`deep/bad.ts:2: export { b } from '$lib/fits';`,
				`deep/bad.ts:3: const c = await import("$lib/chunks");`,
				`deep/bad.ts:4: import '$lib/app.css';`
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
