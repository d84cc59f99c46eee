import { json } from '@sveltejs/kit';
import { ApiError } from './api-error';
import { callerOf, type Caller, type RouteEvent } from './caller';
import { discardBody } from './request';

/** JSON `{ message }` with a status: the one error shape of every CrowdSky API; Retry-After when it says when to ask again. */
export function errorJson(status: number, message: string, retryAfterSeconds?: number): Response {
	const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
	return json({ message }, { status, headers });
}

export interface RouteOptions {
	/** Message of the 401 without a caller. */
	unauthenticated?: string;
	/** Find the caller another way (e.g. session only); defaults to `callerOf`. */
	caller?: (event: RouteEvent) => Promise<Caller | null>;
}

const UNAUTHENTICATED = 'Log in, or send Authorization: Bearer <your API token> (make one on the Account page)';

/**
 * Runs an endpoint's work for its caller: 401 `{ message }` without one, an ApiError as its
 * status and `{ message }`; anything else propagates to handleError (logged, a safe message).
 * A refusal first reads away the body still arriving, so the client gets the answer, not a reset.
 */
export async function jsonRoute(
	event: RouteEvent,
	work: (caller: Caller) => Promise<Response>,
	options: RouteOptions = {}
): Promise<Response> {
	let response: Response;
	try {
		const caller = await (options.caller ?? callerOf)(event);
		if (caller) event.locals.callerId = caller.userId;
		response = caller ? await answerErrors(() => work(caller)) : errorJson(401, options.unauthenticated ?? UNAUTHENTICATED);
	} catch (error) {
		await discardBody(event.request);
		throw error;
	}
	if (!response.ok) await discardBody(event.request);
	return response;
}

/** Runs `work`, answering an ApiError as its status and `{ message }`: for public endpoints too. */
export async function answerErrors(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof ApiError) return errorJson(error.status, error.message, error.retryAfterSeconds);
		throw error;
	}
}
