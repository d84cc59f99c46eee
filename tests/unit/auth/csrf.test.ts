import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from '$lib/server/auth/csrf';

const url = new URL('https://crowdsky.example/account');

function request(method: string, headers: Record<string, string>) {
	return new Request(url, { method, headers });
}

describe('isCrossSiteWrite', () => {
	it('refuses a cookie-carrying POST from a foreign origin', () => {
		expect(isCrossSiteWrite(request('POST', { origin: 'https://evil.example' }), url, true)).toBe(true);
		expect(isCrossSiteWrite(request('DELETE', { origin: 'http://crowdsky.example' }), url, true)).toBe(
			true
		);
	});

	it('refuses by Sec-Fetch-Site when there is no Origin', () => {
		expect(isCrossSiteWrite(request('PUT', { 'sec-fetch-site': 'cross-site' }), url, true)).toBe(true);
		expect(isCrossSiteWrite(request('PATCH', { 'sec-fetch-site': 'same-site' }), url, true)).toBe(true);
		expect(isCrossSiteWrite(request('PATCH', { 'sec-fetch-site': 'same-origin' }), url, true)).toBe(
			false
		);
	});

	it('lets same-origin writes, reads, cookieless and bearer requests through', () => {
		expect(isCrossSiteWrite(request('POST', { origin: 'https://crowdsky.example' }), url, true)).toBe(
			false
		);
		expect(isCrossSiteWrite(request('GET', { origin: 'https://evil.example' }), url, true)).toBe(false);
		expect(isCrossSiteWrite(request('POST', { origin: 'https://evil.example' }), url, false)).toBe(false);
		const bearer = request('POST', { origin: 'https://evil.example', authorization: 'Bearer csk_x' });
		expect(isCrossSiteWrite(bearer, url, true)).toBe(false);
	});
});
