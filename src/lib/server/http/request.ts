import { ApiError } from './api-error';

/** A positive integer path parameter; anything else names nothing: 404. */
export function idParam(value: string | undefined, what: string): number {
	const id = Number(value);
	if (!/^[1-9]\d{0,9}$/.test(value ?? '') || !Number.isSafeInteger(id)) {
		throw new ApiError(404, `${what} ${JSON.stringify(value)} was not found`);
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
	throw new ApiError(400, 'the request body must be JSON: an object');
}

/** The multipart form body; 400 saying what it must hold (`parts`) when it is not one. */
export async function readForm(request: Request, parts: string): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new ApiError(400, `the body must be multipart/form-data with ${parts}`);
	}
}
