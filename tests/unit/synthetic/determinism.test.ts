import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSet, type GenerateOptions } from '../../synthetic';

const tmp = mkdtempSync(join(tmpdir(), 'synthetic-det-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const options = (dir: string, seed: number): GenerateOptions => ({
	dir: join(tmp, dir),
	count: 4,
	width: 160,
	height: 240,
	seed,
	rotationDeg: 30,
	maxShift: 25,
	exptimes: [10, 20]
});

function files(dir: string): Map<string, Buffer> {
	return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('generateSet determinism', () => {
	it('gives the same bytes for the same seed, other bytes for another seed', () => {
		generateSet(options('a', 5));
		generateSet(options('b', 5));
		generateSet(options('c', 6));
		const a = files(join(tmp, 'a'));
		const b = files(join(tmp, 'b'));
		const c = files(join(tmp, 'c'));
		expect(a.size).toBe(5);
		expect([...b.keys()]).toEqual([...a.keys()]);
		for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
		// Same file names (times do not depend on the seed), different pixels and truth.
		for (const [name, bytes] of a) expect(bytes.equals(c.get(name)!), name).toBe(false);
	});
});
