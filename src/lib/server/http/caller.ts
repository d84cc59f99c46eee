import { authenticateBearer, isApiTokenLive, isSessionLive } from '$lib/server/auth';
import { clientAddress, type AddressedEvent } from './client-address';
import { networkPrefix } from '$lib/server/trust';

/** Who is asking: the user, and the API token they sent (none for a browser session). */
export interface Caller {
	userId: number;
	tokenId: number | null;
	/** The token was marked trusted by an operator. The job owner is trusted on any job of theirs. */
	tokenTrusted: boolean;
	/** The network the request came from (`networkPrefix` of the client address): one origin for trust and limits. */
	network: string;
}

export interface RouteEvent extends AddressedEvent {
	locals: App.Locals;
}

/**
 * The caller of an API endpoint: a Bearer API token if one is sent (a wrong or revoked one is
 * `null`, never the session behind it), else the login session.
 */
export async function callerOf(event: RouteEvent): Promise<Caller | null> {
	if (event.request.headers.has('authorization')) {
		const bearer = await authenticateBearer(event.request);
		if (!bearer) return null;
		return { userId: bearer.user.id, tokenId: bearer.token.id, tokenTrusted: bearer.token.trusted, network: networkPrefix(clientAddress(event)) };
	}
	return sessionCallerOf(event);
}

/** The caller by login session only (the upload API, which browsers alone use). */
export async function sessionCallerOf(event: RouteEvent): Promise<Caller | null> {
	const user = event.locals.user;
	return user ? { userId: user.id, tokenId: null, tokenTrusted: false, network: networkPrefix(clientAddress(event)) } : null;
}

/** Whether the credential `caller` came with still holds (a long-lived stream asks again on every poll). */
export async function callerIsLive({ locals }: RouteEvent, caller: Caller): Promise<boolean> {
	if (caller.tokenId !== null) return isApiTokenLive(caller.tokenId);
	return locals.session ? isSessionLive(locals.session.id) : false;
}
