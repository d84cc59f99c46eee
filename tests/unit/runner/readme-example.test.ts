/**
 * The README's local-stacking example runs on a fresh clone: its commands, as written (with
 * `runner.js` made absolute so they run in a scratch directory), make a sample with the synthetic
 * generator and stack it into a plate-solved FITS and its report.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'crowdsky-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The `node runner.js …` lines of the first sh block after "Stack frames locally". */
function exampleCommands(readme: string): string[] {
	const from = readme.indexOf('Stack frames locally');
	const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))![1];
	return block.split('\n').filter((line) => line.startsWith('node runner.js '));
}

describe("the README's local-stacking example", () => {
	const commands = exampleCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

	it('names no file a fresh clone lacks', () => {
		expect(commands).toHaveLength(2);
		expect(commands.join('\n')).not.toMatch(/\.\.\/shared/);
	});

	it('runs: a sample of synthetic frames, then a stack of it with its report', async () => {
		for (const command of commands) {
			const line = command.replace(/^node runner\.js /, `node ${join(ROOT, 'runner.js')} `);
			const { stdout } = await promisify(execFile)('sh', ['-c', line], { cwd: scratch });
			expect(stdout, command).not.toBe('');
		}
		const frames = readdirSync(join(scratch, 'samples/m94')).filter((f) => f.endsWith('.fit'));
		expect(frames).toHaveLength(8);
		expect(existsSync(join(scratch, 'm94.fits'))).toBe(true);
		const report = JSON.parse(readFileSync(join(scratch, 'm94.json'), 'utf8')) as { frames: { status: string }[] };
		expect(report.frames).toHaveLength(8);
		expect(report.frames.filter((f) => f.status === 'aligned').length).toBeGreaterThanOrEqual(6);
		const header = readFileSync(join(scratch, 'm94.fits')).subarray(0, 20 * 2880).toString('latin1');
		expect(header.slice(0, header.search(/END {77}/))).toMatch(/PLTSOLVD=\s+T/);
	}, 600_000);

	it('sample refuses a missing directory or a bad count with exit code 2, naming the problem', async () => {
		for (const [args, message] of [
			[[], /give one directory/],
			[['x', '--count', '1'], /--count must be an integer from 2 to 500, got "1"/],
			[['x', '--frames', '3'], /unknown option --frames/]
		] as const) {
			const run = promisify(execFile)('node', [join(ROOT, 'runner.js'), 'sample', ...args], { cwd: scratch });
			await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
		}
		expect(existsSync(join(scratch, 'x'))).toBe(false);
	});
});
