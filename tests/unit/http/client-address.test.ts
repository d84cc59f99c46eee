import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '$lib/server/http';

const saved = { header: process.env.CLIENT_ADDRESS_HEADER, hops: process.env.TRUSTED_PROXY_HOPS };
afterEach(() => {
	for (const [name, value] of [['CLIENT_ADDRESS_HEADER', saved.header], ['TRUSTED_PROXY_HOPS', saved.hops]] as const) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

/** A request from `peer` (the socket's address) with these headers. */
function event(peer: string, headers: Record<string, string> = {}) {
	return { request: new Request('http://crowdsky.test/login', { headers }), getClientAddress: () => peer };
}

describe('clientAddress', () => {
	it('is the connection peer by default, whatever headers the client sends', () => {
		delete process.env.CLIENT_ADDRESS_HEADER;
		expect(clientAddress(event('192.0.2.7', { 'x-forwarded-for': '203.0.113.1' }))).toBe('192.0.2.7');
		expect(clientAddress(event('::ffff:192.0.2.7'))).toBe('192.0.2.7');
		expect(clientAddress(event('2001:db8::1'))).toBe('2001:db8::1');
	});

	it('behind a configured proxy, is the entry the trusted proxies wrote, not one the client made up', () => {
		process.env.CLIENT_ADDRESS_HEADER = 'X-Forwarded-For';
		expect(clientAddress(event('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
		expect(clientAddress(event('127.0.0.1', { 'x-forwarded-for': '10.6.6.6, 203.0.113.9' }))).toBe('203.0.113.9');

		process.env.TRUSTED_PROXY_HOPS = '2';
		const viaCdn = { 'x-forwarded-for': '10.6.6.6, 203.0.113.9, 198.51.100.4' };
		expect(clientAddress(event('127.0.0.1', viaCdn))).toBe('203.0.113.9');
		// Only nginx in the path (the CDN skipped): its one entry is the peer it saw.
		expect(clientAddress(event('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
		// No header at all: a direct connection, whose peer is the client.
		expect(clientAddress(event('192.0.2.8'))).toBe('192.0.2.8');
	});

	it('refuses a TRUSTED_PROXY_HOPS that is not a small whole number', () => {
		process.env.CLIENT_ADDRESS_HEADER = 'x-forwarded-for';
		for (const bad of ['0', '-1', '1.5', 'two', '11']) {
			process.env.TRUSTED_PROXY_HOPS = bad;
			expect(() => clientAddress(event('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toThrow(/TRUSTED_PROXY_HOPS/);
		}
	});
});
