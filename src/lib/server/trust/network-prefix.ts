import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a client address belongs to, for telling volunteers apart: an IPv4 /24 or an IPv6
 * /48 (what one household, office or cloud tenant usually holds). Two accounts on one such network
 * are one origin, however many addresses they rotate through inside it.
 */
export function networkPrefix(address: string): string {
	// clientAddress already wrote IPv4-mapped IPv6 as plain IPv4.
	const plain = address.trim();
	if (isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
	if (isIPv6(plain)) return `${expandIPv6(plain).slice(0, 3).join(':')}::/48`;
	// Not an address (a proxy header with a name in it): the string itself, so it still counts as one origin.
	return plain.slice(0, 60);
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
	const zone = address.split('%')[0];
	const [head, tail] = zone.includes('::') ? zone.split('::') : [zone, undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	// An embedded IPv4 tail counts as two groups.
	const groups = (parts: string[]) => parts.flatMap((p) => (p.includes('.') ? ipv4Groups(p) : [p]));
	const l = groups(left);
	const r = tail === undefined ? [] : groups(right);
	const fill = tail === undefined ? [] : Array(8 - l.length - r.length).fill('0');
	return [...l, ...fill, ...r].map((g) => parseInt(g, 16).toString(16));
}

function ipv4Groups(v4: string): string[] {
	const [a, b, c, d] = v4.split('.').map(Number);
	return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
