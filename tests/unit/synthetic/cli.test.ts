import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'synthetic-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'tests/synthetic/cli.ts', ...args], { encoding: 'utf8' });

describe('synthetic CLI', () => {
	it('writes a small set with its truth', () => {
		const out = join(tmp, 'set');
		expect(run('--out', out, '--count', '2', '--size', 'small', '--seed', '4')).toMatch(/^2 frames of 540 x 960 in /);
		expect(readdirSync(out).filter((f) => f.endsWith('.fit'))).toHaveLength(2);
		const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8'));
		expect([truth.width, truth.height, truth.seed]).toEqual([540, 960, 4]);
	});

	it('prints its usage and exits 2 without --out', () => {
		expect(() => run('--count', '2')).toThrow(/usage: cli.ts --out DIR --count N/);
	});
});
