import { json } from '@sveltejs/kit';
import { authenticateBearer } from '$lib/server/auth';
import type { Caller } from './caller';
import { JobError, notHeld } from './errors';

interface JobEvent {
	request: Request;
	locals: App.Locals;
}

/** The caller of a compute endpoint: an API token (Bearer) first, else the login session. */
export async function callerOf({ request, locals }: JobEvent): Promise<Caller | null> {
	const bearer = await authenticateBearer(request);
	if (bearer) return { userId: bearer.user.id, tokenId: bearer.token.id, tokenTrusted: bearer.token.trusted };
	if (locals.user) return { userId: locals.user.id, tokenId: null, tokenTrusted: false };
	return null;
}

/** Runs a compute endpoint: 401 without a caller, a JobError as its status and `{ message }`. */
export async function forCaller(event: JobEvent, work: (caller: Caller) => Promise<Response>): Promise<Response> {
	const caller = await callerOf(event);
	if (!caller) return json({ message: 'Log in, or send Authorization: Bearer <your API token>' }, { status: 401 });
	try {
		return await work(caller);
	} catch (error) {
		if (error instanceof JobError) return json({ message: error.message }, { status: error.status });
		throw error;
	}
}

/** A positive integer path parameter; anything else is a job (or file) nobody holds: 404. */
export function idParam(value: string | undefined, what: 'job' | 'file' = 'job'): number {
	const id = Number(value);
	if (!/^[1-9]\d{0,9}$/.test(value ?? '') || !Number.isSafeInteger(id)) {
		throw what === 'job' ? notHeld(0) : new JobError(404, `file ${JSON.stringify(value)} is not a file id`);
	}
	return id;
}

/** The lease token a lease-bound request carries in X-Lease-Token. */
export function leaseTokenOf(request: Request): string | null {
	return request.headers.get('x-lease-token');
}

/** The JSON body, `{}` when empty; 400 when it is not JSON. */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (text.trim() === '') return {};
	try {
		const body = JSON.parse(text);
		if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body;
	} catch {
		// fall through to the 400
	}
	throw new JobError(400, 'the request body must be a JSON object');
}
