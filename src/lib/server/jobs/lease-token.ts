import { hashToken, randomToken } from '$lib/server/auth/token';

/** A new lease secret for the worker and the SHA-256 (hex) the row keeps, like API tokens. */
export function newLeaseToken(): { token: string; hash: string } {
	const token = randomToken(32);
	return { token, hash: hashToken(token) };
}

export { hashToken as hashLeaseToken };
