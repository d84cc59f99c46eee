import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, randomToken } from '$lib/server/auth/token';
import { generateSessionToken } from '$lib/server/auth/session';

describe('hashToken', () => {
	it('is the SHA-256 of the token as lower-case hex', () => {
		// Independent references: the FIPS 180-2 vector for "abc", and Node's own SHA-256.
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		const token = 'csk_' + randomToken(32);
		expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
	});
});

describe('randomToken', () => {
	it('encodes the requested bytes as unpadded lower-case base32', () => {
		expect(randomToken(20)).toMatch(/^[a-z2-7]{32}$/); // 160 bits = 32 base32 digits
		expect(randomToken(32)).toMatch(/^[a-z2-7]{52}$/); // 256 bits -> 52 digits
	});

	it('does not repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, () => generateSessionToken()));
		expect(tokens.size).toBe(1000);
	});
});
