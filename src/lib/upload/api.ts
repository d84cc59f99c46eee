/**
 * The upload endpoints (see /api/uploads). JSON calls go through `request`; the file PUT uses
 * XMLHttpRequest because only it reports upload progress. Every failure becomes an `ApiError`
 * carrying the server's own message; `errorMessage` is the one place that turns errors into text.
 */

export interface SessionFile {
	id: number;
	name: string;
	size: number;
	sha256: string;
	chunkKey: string | null;
	telescope: string | null;
}

export interface Job {
	id: number;
	chunkKey: string;
	telescope: string | null;
	object: string | null;
	frameCount: number;
	status: string;
}

export interface SessionState {
	token: string;
	status: 'uploading' | 'complete' | 'failed' | 'expired';
	fileCount: number;
	totalSizeMb: number;
	files: SessionFile[];
	jobs: Job[];
}

export interface PutResult {
	id: number;
	name: string;
	sha256: string;
	chunkKey: string | null;
	duplicate: boolean;
}

/** status 0: no answer at all (connection dropped, server unreachable). */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'ApiError';
	}

	/** Worth trying again: no answer, or the server failed (not the request). */
	get retryable(): boolean {
		return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
	}
}

const NETWORK_MESSAGE = 'No answer from the server (network error).';

/** The server's `{ message }`, else the status line. */
function serverMessage(status: number, statusText: string, body: string): string {
	try {
		const parsed = JSON.parse(body) as { message?: unknown };
		if (typeof parsed.message === 'string' && parsed.message) return parsed.message;
	} catch {
		// not JSON: an HTML error page or a proxy's text
	}
	return `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
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
	if (!response.ok) throw new ApiError(response.status, serverMessage(response.status, response.statusText, text));
	return JSON.parse(text) as T;
}

const sessionPath = (token: string) => `/api/uploads/${encodeURIComponent(token)}`;

export function createSession(): Promise<{ token: string; id: number }> {
	return request('POST', '/api/uploads');
}

export function getSession(token: string): Promise<SessionState> {
	return request('GET', sessionPath(token));
}

/** The server takes at most this many files per check. */
export const CHECK_BATCH = 5000;

/** The sha256 values this user has already stored (in any session). */
export async function checkFiles(
	token: string,
	files: Array<{ name: string; size: number; sha256: string }>
): Promise<Set<string>> {
	const have = new Set<string>();
	for (let i = 0; i < files.length; i += CHECK_BATCH) {
		const batch = files.slice(i, i + CHECK_BATCH);
		const answer = await request<{ have: string[] }>('POST', `${sessionPath(token)}/check`, { files: batch });
		for (const sha of answer.have) have.add(sha);
	}
	return have;
}

export function finalizeSession(token: string): Promise<{ jobs: Job[]; created: number }> {
	return request('POST', `${sessionPath(token)}/finalize`);
}

export interface PutOptions {
	onProgress?(loaded: number, total: number): void;
	signal?: AbortSignal;
}

export function putFile(token: string, file: File, sha256: string, options: PutOptions = {}): Promise<PutResult> {
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
					resolve(JSON.parse(xhr.responseText) as PutResult);
				} catch {
					reject(new ApiError(xhr.status, 'The server sent an answer that is not JSON.'));
				}
			} else {
				reject(new ApiError(xhr.status, serverMessage(xhr.status, xhr.statusText, xhr.responseText)));
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

/** The error funnel: text for the person (the server's own words when there are some), null for an abort. */
export function errorMessage(error: unknown, context: string): string | null {
	if (isAbort(error)) return null;
	const detail = error instanceof Error ? error.message : String(error);
	if (!(error instanceof ApiError)) console.error(`${context}:`, error);
	return error instanceof ApiError ? detail : `${context}: ${detail}`;
}
