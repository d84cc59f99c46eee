import { concatBytes } from '$lib/util/bytes';
import { ApiError } from './api-error';

/** A positive integer path parameter; anything else names nothing: 404. */
export function idParam(value: string | undefined, what: string): number {
	const id = Number(value);
	if (!/^[1-9]\d{0,9}$/.test(value ?? '') || !Number.isSafeInteger(id)) {
		throw new ApiError(404, `${what} ${JSON.stringify(value)} was not found`);
	}
	return id;
}

/** The JSON body as sent (`undefined` when empty), for verbs that check its shape themselves; 400 when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
	const text = await request.text();
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiError(400, 'the request body must be JSON');
	}
}

/** The JSON object body, `{}` when empty; 400 when it is not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const body = await readJson(request);
	if (body === undefined) return {};
	if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
	throw new ApiError(400, 'the request body must be a JSON object');
}

/** The multipart form body; 400 saying what it must hold (`parts`) when it is not one. */
export async function readForm(request: Request, parts: string): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new ApiError(400, `the body must be multipart/form-data with ${parts}`);
	}
}

/**
 * Reads what is left of a refused request's body and drops it. Cancelling the body instead makes
 * adapter-node destroy the socket, and a client still sending sees a connection reset, not the
 * answer. A body over BODY_SIZE_LIMIT is errored by adapter-node, which then discards the rest itself.
 */
export async function discardBody(request: Request): Promise<void> {
	const body = request.body;
	if (!body || body.locked) return;
	const reader = body.getReader();
	try {
		while (!(await reader.read()).done);
	} catch {
		// The client went away, or the body passed BODY_SIZE_LIMIT: nothing more to read.
	} finally {
		reader.releaseLock();
	}
}

/**
 * The whole body, at most `max` bytes: past that, `tooLarge(size)` once the limit is passed. The
 * reader is released rather than the body cancelled, so the route funnel can drain the rest.
 */
export async function readBodyLimited(request: Request, max: number, tooLarge: (size: number) => ApiError): Promise<Uint8Array<ArrayBuffer>> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for (let part = await reader.read(); !part.done; part = await reader.read()) {
			size += part.value.length;
			if (size > max) throw tooLarge(size);
			parts.push(part.value);
		}
	} catch (error) {
		// adapter-node's own limit (BODY_SIZE_LIMIT) errors the stream with a status of 413.
		if ((error as { status?: number }).status === 413) throw tooLarge(size);
		throw error;
	} finally {
		reader.releaseLock();
	}
	// A request body's chunks are ArrayBuffer-backed (Fetch): one copy into one array, not two.
	return concatBytes(parts) as Uint8Array<ArrayBuffer>;
}
