/**
 * The client's network address, for throttles and trust: the peer of the connection, or, behind a
 * reverse proxy named by CLIENT_ADDRESS_HEADER, the address that proxy wrote. Entries further left
 * in that header came from the client and prove nothing, so the one TRUSTED_PROXY_HOPS from the
 * right is taken.
 */
const HOPS_RANGE = [1, 10] as const;

export interface AddressedEvent {
	request: Request;
	getClientAddress(): string;
}

function trustedHops(): number {
	const raw = process.env.TRUSTED_PROXY_HOPS?.trim();
	if (!raw) return 1;
	const hops = Number(raw);
	if (!Number.isInteger(hops) || hops < HOPS_RANGE[0] || hops > HOPS_RANGE[1]) {
		throw new RangeError(`TRUSTED_PROXY_HOPS=${JSON.stringify(raw)} is not a whole number in ${HOPS_RANGE[0]}..${HOPS_RANGE[1]}`);
	}
	return hops;
}

/** `::ffff:192.0.2.1` and `192.0.2.1` are one client: IPv4 written as IPv6 by a dual-stack socket. */
function plain(address: string): string {
	return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

export function clientAddress(event: AddressedEvent): string {
	const header = process.env.CLIENT_ADDRESS_HEADER?.trim();
	const written = header ? event.request.headers.get(header) : null;
	const entries = written?.split(',').map(plain).filter(Boolean) ?? [];
	// Fewer entries than hops: the request skipped an outer proxy, and the leftmost is its peer.
	if (entries.length) return entries[Math.max(0, entries.length - trustedHops())];
	return plain(event.getClientAddress());
}
