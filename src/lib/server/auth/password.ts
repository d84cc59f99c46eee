/**
 * Password hashing: argon2id for everything new; bcrypt (`$2y$`/`$2b$`/`$2a$`, from the original
 * PHP app's `password_hash()`) is still accepted so old accounts can log in, and is replaced by an
 * argon2id hash on that first successful login.
 */
import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

// OWASP's argon2id minimum (19 MiB, 2 passes); the library's default algorithm is argon2id.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export function isBcryptHash(stored: string): boolean {
	return /^\$2[aby]\$\d{2}\$/.test(stored);
}

/** Whether `password` matches `stored` (argon2 or bcrypt). Malformed hashes never match. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		if (isBcryptHash(stored)) return await bcrypt.compare(password, stored);
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/** True when a verified hash should be replaced by a fresh argon2id hash. */
export function needsRehash(stored: string): boolean {
	return !stored.startsWith('$argon2id$');
}
