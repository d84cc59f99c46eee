import { json } from '@sveltejs/kit';
import { authenticateBearer } from '$lib/server/auth';
import { HttpError } from './http-error';

/** Who is asking: the user, and the API token they sent (none for a browser session). */
export interface RouteCaller {
	userId: number;
	tokenId: number | null;
	/** The token was marked trusted by an operator. */
	tokenTrusted: boolean;
}

export interface RouteEvent {
	request: Request;
	locals: App.Locals;
}

/** JSON `{ message }` with a status: the one error shape of every CrowdSky API. */
export function errorJson(status: number, message: string): Response {
	return json({ message }, { status });
}

/**
 * The caller of an API endpoint: a Bearer API token if one is sent (a wrong or revoked one is
 * `null`, never the session behind it), else the login session.
 */
export async function callerOf({ request, locals }: RouteEvent): Promise<RouteCaller | null> {
	if (request.headers.has('authorization')) {
		const bearer = await authenticateBearer(request);
		return bearer ? { userId: bearer.user.id, tokenId: bearer.token.id, tokenTrusted: bearer.token.trusted } : null;
	}
	if (locals.user) return { userId: locals.user.id, tokenId: null, tokenTrusted: false };
	return null;
}

export interface RouteOptions {
	/** Message of the 401 without a caller. */
	unauthenticated?: string;
	/** Error classes (with a numeric `status`) to answer like HttpError, for older verbs' errors. */
	alsoHandles?: (abstract new (...args: never[]) => Error & { status: number })[];
	/** Find the caller another way (e.g. session only); defaults to `callerOf`. */
	caller?: (event: RouteEvent) => Promise<RouteCaller | null>;
}

const UNAUTHENTICATED = 'Log in, or send Authorization: Bearer <your API token> (make one on the Account page)';

/**
 * Runs an endpoint's work for its caller: 401 `{ message }` without one, an HttpError as its
 * status and `{ message }`; anything else propagates to handleError (logged, a safe message).
 */
export async function jsonRoute(
	event: RouteEvent,
	work: (caller: RouteCaller) => Promise<Response>,
	options: RouteOptions = {}
): Promise<Response> {
	const caller = await (options.caller ?? callerOf)(event);
	if (!caller) return errorJson(401, options.unauthenticated ?? UNAUTHENTICATED);
	return answerErrors(() => work(caller), options.alsoHandles);
}

/** Runs `work`, answering an HttpError (or one of `alsoHandles`) as its status and `{ message }`: for public endpoints too. */
export async function answerErrors(work: () => Promise<Response>, alsoHandles: RouteOptions['alsoHandles'] = []): Promise<Response> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof HttpError) return errorJson(error.status, error.message);
		for (const kind of alsoHandles) {
			if (error instanceof kind) return errorJson(error.status, error.message);
		}
		throw error;
	}
}

/** A positive integer path parameter; anything else names nothing: 404. */
export function idParam(value: string | undefined, what: string): number {
	const id = Number(value);
	if (!/^[1-9]\d{0,9}$/.test(value ?? '') || !Number.isSafeInteger(id)) {
		throw new HttpError(404, `${what} ${JSON.stringify(value)} was not found`);
	}
	return id;
}

/** The JSON object body, `{}` when empty; 400 when it is not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (text.trim() === '') return {};
	try {
		const body = JSON.parse(text);
		if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body;
	} catch {
		// fall through to the 400
	}
	throw new HttpError(400, 'the request body must be a JSON object');
}
