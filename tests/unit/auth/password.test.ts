import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import {
	hashPassword,
	isBcryptHash,
	needsRehash,
	verifyPassword
} from '$lib/server/auth/password';

// The example from PHP's manual for password_verify(): password_hash('rasmuslerdorf', PASSWORD_DEFAULT).
const PHP_MANUAL_HASH = '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a';

describe('argon2id hashes', () => {
	it('uses argon2id with 19 MiB and 2 passes, and verifies only the right password', async () => {
		const hash = await hashPassword('a long passphrase');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'a long passphrase')).toBe(true);
		expect(await verifyPassword(hash, 'a long passphrasE')).toBe(false);
		expect(needsRehash(hash)).toBe(false);
	});

	it('salts: the same password hashes differently each time', async () => {
		expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
	});
});

describe('bcrypt hashes from the PHP app', () => {
	it('verifies the PHP manual example', async () => {
		expect(isBcryptHash(PHP_MANUAL_HASH)).toBe(true);
		expect(await verifyPassword(PHP_MANUAL_HASH, 'rasmuslerdorf')).toBe(true);
		expect(await verifyPassword(PHP_MANUAL_HASH, 'rasmuslerdorF')).toBe(false);
		expect(needsRehash(PHP_MANUAL_HASH)).toBe(true);
	});

	it('verifies a $2b$ hash relabelled $2y$, as PHP writes them', async () => {
		const b = bcrypt.hashSync('observer password', 10);
		const y = b.replace(/^\$2b\$/, '$2y$');
		expect(y.startsWith('$2y$10$')).toBe(true);
		expect(await verifyPassword(y, 'observer password')).toBe(true);
		expect(await verifyPassword(y, 'observer passwort')).toBe(false);
	});
});

describe('malformed hashes', () => {
	it.each(['', '!', '$2y$10$short', '$argon2id$garbage', 'plaintext'])('never match: %s', async (h) => {
		expect(await verifyPassword(h, 'anything')).toBe(false);
	});
});
