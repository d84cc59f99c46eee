import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackReport } from '../../../src/lib/stacking/types';
import { M94, ROOT } from './helpers';


describe('a 90-frame chunk', () => {
	it('stacks full-size frames on 2 threads with a peak RSS under 400 MB (778 MB before the band budget, 374 MB on synthetic frames before the kernels kept one analysis)', async () => {
		// The six M 94 frames fifteen times over: 90 full 1080 x 1920 frames (the content does not move
		// the memory; the frame count and size do). A fresh process, so its peak RSS is this stack's.
		const six = readdirSync(M94).sort().map((f) => join(M94, f));
		const files = Array.from({ length: 90 }, (_, i) => six[i % 6]);
		const tmp = mkdtempSync(join(tmpdir(), 'crowdsky-90-'));
		const reportPath = join(tmp, 'report.json');
		const args = ['runner.js', 'stack', ...files, '--out', join(tmp, 'stack.fits'), '--report', reportPath, '--threads', '2'];
		const code = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
			child.on('error', reject);
			child.on('close', resolve);
		});
		expect(code).toBe(0);
		const report: StackReport = JSON.parse(readFileSync(reportPath, 'utf8'));
		expect(report.counts.aligned).toBe(90);
		expect(report.peakMemory).toBeGreaterThan(100 * 2 ** 20);
		console.log(`90 full frames, 2 threads: peak RSS ${(report.peakMemory / 2 ** 20).toFixed(0)} MB`);
		expect(report.peakMemory).toBeLessThan(400 * 2 ** 20);
	}, 300_000);
});
