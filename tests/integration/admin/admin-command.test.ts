/**
 * `npm run admin` (scripts/admin.js) against MariaDB: tokens listed with their owner and trust,
 * trust/untrust by prefix, accounts and quotas; an operator's mistakes are one line on stderr with
 * exit code 1 (bad usage: 2), and change nothing.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '$lib/server/auth/api-tokens';
import { apiTokens, users } from '$lib/server/db/schema';
import { createTestUser, resetTables, testDatabaseUrl, testDb, withDb } from '../../helpers/db';
import { ROOT } from '../db/run-script';

withDb();

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)('node', ['scripts/admin.js', ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: testDatabaseUrl() }
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
		return { code, stdout, stderr };
	}
}

async function tokenFor(userId: number, name: string) {
	const created = await createApiToken(userId, name);
	if (!created.ok) throw new Error(created.message);
	return created.summary;
}

const trustedFlag = async (id: number) => (await testDb().select({ t: apiTokens.trusted }).from(apiTokens).where(eq(apiTokens.id, id)))[0].t;

describe('npm run admin', () => {
	it('tokens lists active tokens with owner, trust and last use; trust and untrust by prefix', async () => {
		await resetTables();
		const alice = await createTestUser({ username: 'alice' });
		const bob = await createTestUser({ username: 'bob' });
		const runner = await tokenFor(alice.id, 'observatory runner');
		const script = await tokenFor(bob.id, 'script');
		const gone = await tokenFor(bob.id, 'old laptop');
		await revokeApiToken(bob.id, gone.id);
		await testDb().update(apiTokens).set({ lastUsedAt: new Date('2026-03-27T01:20:32Z') }).where(eq(apiTokens.id, script.id));

		const listed = await admin('tokens');
		expect(listed).toMatchObject({ code: 0, stderr: '' });
		const lines = listed.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^prefix\s+owner\s+name\s+trusted\s+last used$/);
		expect(lines.slice(1)).toEqual([
			expect.stringMatching(new RegExp(`^${runner.prefix}\\s+alice\\s+observatory runner\\s+no\\s+never$`)),
			expect.stringMatching(new RegExp(`^${script.prefix}\\s+bob\\s+script\\s+no\\s+2026-03-27 01:20 UTC$`))
		]);
		expect(listed.stdout).not.toContain(gone.prefix);

		const trusted = await admin('trust', `${runner.prefix}…`);
		expect(trusted).toEqual({ code: 0, stdout: `${runner.prefix} (alice, "observatory runner") is trusted\n`, stderr: '' });
		expect(await trustedFlag(runner.id)).toBe(1);
		expect(await trustedFlag(script.id)).toBe(0);
		expect((await admin('tokens')).stdout).toMatch(new RegExp(`^${runner.prefix}\\s+alice\\s+observatory runner\\s+yes\\s+never$`, 'm'));

		// A shorter prefix is enough when it names one token.
		const untrusted = await admin('untrust', runner.prefix.slice(0, 10));
		expect(untrusted).toMatchObject({ code: 0, stdout: `${runner.prefix} (alice, "observatory runner") is not trusted\n` });
		expect(await trustedFlag(runner.id)).toBe(0);
	});

	it('unknown, ambiguous, revoked and malformed prefixes: exit 1, one line, nothing changed', async () => {
		await resetTables();
		const carol = await createTestUser({ username: 'carol' });
		// Two tokens that share their first four characters, as their rows keep them.
		const rows = ['csk_aaaabbbb', 'csk_aaaacccc'].map((tokenPrefix) => ({ userId: carol.id, name: tokenPrefix, tokenPrefix, tokenHash: randomBytes(32).toString('hex') }));
		await testDb().insert(apiTokens).values(rows);
		const revoked = await tokenFor(carol.id, 'revoked');
		await revokeApiToken(carol.id, revoked.id);

		const unknown = await admin('trust', 'csk_22222222');
		expect(unknown).toMatchObject({ code: 1, stdout: '' });
		expect(unknown.stderr).toBe('error: no active token starts with csk_22222222 (`npm run admin -- tokens` lists them)\n');

		const ambiguous = await admin('trust', 'csk_aaaa');
		expect(ambiguous).toMatchObject({ code: 1, stdout: '' });
		expect(ambiguous.stderr).toBe('error: csk_aaaa is ambiguous: csk_aaaabbbb (carol), csk_aaaacccc (carol); give more characters\n');

		expect((await admin('trust', revoked.prefix)).stderr).toMatch(/^error: no active token starts with/);
		for (const bad of ['csk_', "csk_a%'"]) {
			const malformed = await admin('trust', bad);
			expect(malformed.code, bad).toBe(1);
			expect(malformed.stderr, bad).toMatch(/^error: ".*" is not a token prefix: expected csk_ and up to 8/);
		}
		const flags = await testDb().select({ t: apiTokens.trusted }).from(apiTokens);
		expect(flags.every(({ t }) => t === 0)).toBe(true);
	});

	it('users lists accounts with storage and tokens; quota sets one, refusing bad numbers and unknown users', async () => {
		await resetTables();
		const dave = await createTestUser({ username: 'dave', storageUsedMb: '27.70' });
		await tokenFor(dave.id, 'runner');
		await createTestUser({ username: 'erin', isActive: 0 });

		const listed = await admin('users');
		expect(listed.code).toBe(0);
		expect(listed.stdout.trimEnd().split('\n')).toEqual([
			expect.stringMatching(/^id\s+username\s+tier\s+active\s+used MB\s+quota MB\s+tokens$/),
			expect.stringMatching(new RegExp(`^${dave.id}\\s+dave\\s+free\\s+yes\\s+27\\.70\\s+500\\.00\\s+1$`)),
			expect.stringMatching(/^\d+\s+erin\s+free\s+no\s+0\.00\s+500\.00\s+0$/)
		]);

		expect(await admin('quota', 'dave', '2048.5')).toEqual({ code: 0, stdout: 'dave (id ' + dave.id + '): quota 2048.50 MB, 27.70 MB used\n', stderr: '' });
		expect((await admin('quota', String(dave.id), '1000')).code).toBe(0);
		const limit = async () => (await testDb().select({ l: users.storageLimitMb }).from(users).where(eq(users.id, dave.id)))[0].l;
		expect(await limit()).toBe('1000.00');

		for (const bad of ['-5', '1e3', '100000000']) {
			const refused = await admin('quota', 'dave', bad);
			expect(refused.code, bad).toBe(1);
			expect(refused.stderr, bad).toMatch(/^error: quota .* (is not a number of MB|is more than)/);
		}
		expect(await admin('quota', 'nobody', '10')).toMatchObject({ code: 1, stderr: 'error: no user "nobody" (`npm run admin -- users` lists them)\n' });
		expect(await limit()).toBe('1000.00');
	});

	it('bad usage is exit 2 with the commands; npm run admin reaches the same script', async () => {
		const unknown = await admin('promote', 'x');
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/^unknown command "promote"\n\nusage: npm run admin -- <command>/);
		expect((await admin('trust')).stderr).toMatch(/^trust takes 1 argument\(s\), got 0/);
		expect((await admin()).code).toBe(2);

		const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'admin', '--', 'help'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDatabaseUrl() } });
		expect(stdout).toContain('trust <prefix>');
	});
});
