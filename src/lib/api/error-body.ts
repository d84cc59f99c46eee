import { ApiError } from './api-error';

/** Every endpoint refuses with `{ message }`: the server's own words, or undefined when the body is not that (an HTML error page, a proxy's text). */
export function serverMessage(body: string): string | undefined {
	try {
		const parsed = JSON.parse(body) as { message?: unknown };
		if (typeof parsed?.message === 'string' && parsed.message) return parsed.message;
	} catch {
		// not JSON
	}
	return undefined;
}

/** The response when it is a success, else an ApiError in the server's words (or its status line). */
export async function ensureOk(response: Response): Promise<Response> {
	if (response.ok) return response;
	const text = await response.text().catch(() => '');
	throw new ApiError(response.status, serverMessage(text) ?? `the server answered ${response.status} ${response.statusText}`.trimEnd());
}
