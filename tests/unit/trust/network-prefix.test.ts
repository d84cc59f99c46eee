import { describe, expect, test } from 'vitest';
import { networkPrefix } from '$lib/server/trust';

describe('networkPrefix', () => {
	test('IPv4 addresses of one /24 are one network, the next /24 another', () => {
		expect(networkPrefix('203.0.113.7')).toBe('203.0.113.0/24');
		expect(networkPrefix('203.0.113.250')).toBe('203.0.113.0/24');
		expect(networkPrefix('203.0.114.7')).toBe('203.0.114.0/24');
	});

	test('IPv6 addresses are grouped by /48 however they are written', () => {
		expect(networkPrefix('2001:db8:abcd:1::1')).toBe('2001:db8:abcd::/48');
		expect(networkPrefix('2001:0db8:abcd:ffff:0:0:0:9')).toBe('2001:db8:abcd::/48');
		expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
		expect(networkPrefix('::1')).toBe('0:0:0::/48');
		expect(networkPrefix('2001:db8:abce::1')).not.toBe(networkPrefix('2001:db8:abcd::1'));
	});

	test('something that is no address still names one origin', () => {
		expect(networkPrefix('unknown')).toBe('unknown');
	});
});
