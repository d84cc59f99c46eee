import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHdus } from '../../../src/lib/fits/read';
import type { StackReport } from '../../../src/lib/stacking/types';
import { M94, ROOT } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'crowdsky-cli-'));

/** Runs `node runner.js ...` as a user would, not on a terminal. */
function runner(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['runner.js', ...args], { cwd: ROOT });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('node runner.js stack', () => {
	it('stacks a folder plus a stray file, writes the FITS and the report, and sums up in one line', async () => {
		const notes = join(tmp, 'notes.txt');
		writeFileSync(notes, 'not a frame');
		const out = join(tmp, 'stack.fits');
		const reportPath = join(tmp, 'report.json');
		const run = await runner(['stack', M94, notes, '--out', out, '--report', reportPath, '--threads', '2']);
		expect(run.code, run.stderr).toBe(0);
		const summary = run.stdout.trim().split('\n');
		expect(summary).toHaveLength(1);
		expect(summary[0]).toMatch(/^stacked 6\/7 frames, rejected 1 \(notes\.txt: not a FITS file.*\), 60 s total exposure, solved at RA 192\.7\d+ Dec 41\.1\d+, 2\.3\d+\"\/px, \d+ stars, RMS 0\.\d+\", [\d.]+ s, -> .*stack\.fits$/);
		for (const stage of ['open', 'analyse', 'align', 'combine', 'solve', 'write']) expect(run.stderr).toMatch(new RegExp(`^${stage} +\\d+/\\d+`, 'm'));
		const report: StackReport = JSON.parse(readFileSync(reportPath, 'utf8'));
		expect(report.counts).toEqual({ input: 7, aligned: 6, rejected: 1 });
		expect(report.threads).toBe(2);
		expect(report.frames.map((f) => f.file)).toContain('notes.txt');
		const primary = readHdus(new Uint8Array(readFileSync(out)))[0].header;
		expect(primary.number('NIMAGES')).toBe(6);
	});

	it('exits non-zero with the reasons when nothing can be stacked', async () => {
		const junk = join(tmp, 'junk.fit');
		writeFileSync(junk, 'PNG? no.');
		const out = join(tmp, 'none.fits');
		const run = await runner(['stack', junk, '--out', out]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/nothing to stack/);
		expect(run.stderr).toMatch(/junk\.fit: not a FITS file/);
		expect(existsSync(out)).toBe(false);
	});

	it('explains usage mistakes with exit code 2', async () => {
		const noOut = await runner(['stack', M94]);
		expect(noOut.code).toBe(2);
		expect(noOut.stderr).toMatch(/--out is required/);
		const unknown = await runner(['frobnicate']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/unknown command "frobnicate"; commands: stack/);
		const missing = await runner(['stack', join(tmp, 'nowhere'), '--out', join(tmp, 'x.fits')]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/input not found/);
	});
});
