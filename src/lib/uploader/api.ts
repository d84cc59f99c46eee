/**
 * The upload endpoints' client (see /api/uploads; types in $lib/api/uploads). JSON calls go
 * through `request`; the file PUT uses XMLHttpRequest because only it reports upload progress.
 * Every failure becomes an `ApiError` carrying the server's own message; `reportError` is the one
 * place that turns errors into text for the person.
 */
import { ApiError } from '$lib/api/api-error';
import { serverMessage } from '$lib/api/error-body';
import {
	MAX_CHECK_FILES,
	type CheckRequest,
	type CreatedSession,
	type FinalizeResult,
	type ReceivedFile,
	type UploadSessionView
} from '$lib/api/uploads';
import { errorMessage } from '$lib/util/error-message';

const NETWORK_MESSAGE = 'No answer from the server (network error).';

/** The server's `{ message }`, else the status line. */
function refusal(status: number, statusText: string, body: string): ApiError {
	return new ApiError(status, serverMessage(body) ?? `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error;
		throw new ApiError(0, NETWORK_MESSAGE);
	}
	const text = await response.text();
	if (!response.ok) throw refusal(response.status, response.statusText, text);
	return JSON.parse(text) as T;
}

const sessionPath = (token: string) => `/api/uploads/${encodeURIComponent(token)}`;

export function createSession(): Promise<CreatedSession> {
	return request('POST', '/api/uploads');
}

export function getSession(token: string): Promise<UploadSessionView> {
	return request('GET', sessionPath(token));
}

/** The sha256 values this user has already stored (in any session). */
export async function checkFiles(
	token: string,
	files: CheckRequest['files']
): Promise<Set<string>> {
	const have = new Set<string>();
	for (let i = 0; i < files.length; i += MAX_CHECK_FILES) {
		const batch = files.slice(i, i + MAX_CHECK_FILES);
		const answer = await request<{ have: string[] }>('POST', `${sessionPath(token)}/check`, { files: batch });
		for (const sha of answer.have) have.add(sha);
	}
	return have;
}

export function finalizeSession(token: string): Promise<FinalizeResult> {
	return request('POST', `${sessionPath(token)}/finalize`);
}

export interface PutOptions {
	onProgress?(loaded: number, total: number): void;
	signal?: AbortSignal;
}

export function putFile(token: string, file: File, sha256: string, options: PutOptions = {}): Promise<ReceivedFile> {
	const query = new URLSearchParams({ name: file.name, sha256 });
	const url = `${sessionPath(token)}/files?${query}`;
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		const abort = () => xhr.abort();
		if (options.signal?.aborted) return reject(options.signal.reason);
		options.signal?.addEventListener('abort', abort, { once: true });
		const settle = () => options.signal?.removeEventListener('abort', abort);
		xhr.open('PUT', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total || file.size);
		xhr.onload = () => {
			settle();
			if (xhr.status >= 200 && xhr.status < 300) {
				try {
					resolve(JSON.parse(xhr.responseText) as ReceivedFile);
				} catch {
					reject(new ApiError(xhr.status, 'The server sent an answer that is not JSON.'));
				}
			} else {
				reject(refusal(xhr.status, xhr.statusText, xhr.responseText));
			}
		};
		xhr.onerror = () => {
			settle();
			reject(new ApiError(0, NETWORK_MESSAGE));
		};
		xhr.onabort = () => {
			settle();
			reject(options.signal?.reason ?? new DOMException('upload aborted', 'AbortError'));
		};
		xhr.send(file);
	});
}

export function isAbort(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'AbortError';
}

/** The error funnel: text for the person (the server's own words when there are some), null for an abort; the unexpected is logged. */
export function reportError(error: unknown, context: string): string | null {
	if (isAbort(error)) return null;
	if (!(error instanceof ApiError)) console.error(`${context}:`, error);
	return error instanceof ApiError ? error.message : `${context}: ${errorMessage(error)}`;
}
