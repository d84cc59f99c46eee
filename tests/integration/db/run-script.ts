import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Nothing listens on port 1: connecting is refused at once. */
export const CLOSED_PORT_URL = 'mysql://root@127.0.0.1:1/crowdsky';

/** Runs a script of the repo with DATABASE_URL set; resolves with its exit code and output. */
export async function runScript(script: string, databaseUrl: string) {
	try {
		const { stdout, stderr } = await promisify(execFile)('node', [script], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: databaseUrl }
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
		return { code, stdout, stderr };
	}
}

/** What an operator must see when MariaDB is down: one sentence saying how to start it. */
export function expectUnreachableMessage({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }) {
	expect(code).not.toBe(0);
	expect(stdout).toBe('');
	const lines = stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	const [message] = lines;
	expect(message).toMatch(/^Cannot reach MariaDB at 127\.0\.0\.1:1\b/);
	expect(message).toContain('start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd');
	expect(message).toContain('DATABASE_URL');
	expect(message).toMatch(/\.$/);
	expect(message.slice(0, -1)).not.toMatch(/\.\s/); // a single sentence
}
