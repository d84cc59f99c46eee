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
