import { jsonRoute, readJsonObject, type RouteEvent } from '$lib/server/http';
import type { Caller } from './caller';
import { JobError, notHeld } from './errors';

/** The caller of a compute endpoint: an API token (Bearer), else the login session. */
export { callerOf } from '$lib/server/http';

/** Runs a compute endpoint through the one API funnel: 401 without a caller, a JobError as its status and `{ message }`. */
export function forCaller(event: RouteEvent, work: (caller: Caller) => Promise<Response>): Promise<Response> {
	return jsonRoute(event, work, { alsoHandles: [JobError] });
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

/** The JSON body, `{}` when empty; 400 when it is not a JSON object. */
export const readJsonBody = readJsonObject;
