import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	deleteSessionTokenCookie,
	SESSION_COOKIE_NAME,
	sessionCookieOptions,
	setSessionTokenCookie
} from '$lib/server/auth/cookies';

function recordingCookies() {
	const calls: { name: string; value: string; options: Parameters<Cookies['set']>[2] }[] = [];
	const cookies = {
		set: (name: string, value: string, options: Parameters<Cookies['set']>[2]) => {
			calls.push({ name, value, options });
		}
	} as unknown as Cookies;
	return { cookies, calls };
}

describe('session cookie', () => {
	const expires = new Date('2030-01-02T03:04:05Z');

	it('is HttpOnly, SameSite=Lax, for the whole site, and Secure only over https', () => {
		const http = sessionCookieOptions(new URL('http://127.0.0.1:3000/login'), expires);
		expect(http).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires });
		const https = sessionCookieOptions(new URL('https://crowdsky.example/login'), expires);
		expect(https.secure).toBe(true);
	});

	it('is set with the token and its expiry', () => {
		const { cookies, calls } = recordingCookies();
		setSessionTokenCookie(cookies, new URL('https://crowdsky.example/'), 'tok', expires);
		expect(calls).toEqual([
			{
				name: SESSION_COOKIE_NAME,
				value: 'tok',
				options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true, expires }
			}
		]);
	});

	it('is deleted by an empty, already expired cookie with the same attributes', () => {
		const { cookies, calls } = recordingCookies();
		deleteSessionTokenCookie(cookies, new URL('http://127.0.0.1/'));
		expect(calls).toHaveLength(1);
		expect(calls[0].value).toBe('');
		expect(calls[0].options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
	});
});
