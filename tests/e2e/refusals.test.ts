/**
 * A refusal reaches the client as its JSON, whatever body is still on the way: the real server,
 * a real HTTP client writing a large body. A server that answers early and closes the socket
 * leaves the client with a connection reset instead of the reason; one that stops reading a
 * chunked body past its limit leaves it with no answer at all.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApiToken, createSession, generateSessionToken } from '$lib/server/auth';
import { createUploadSession } from '$lib/server/uploads';
import { baseUrl } from '../helpers/browser';
import { createTestUser, withDb } from '../helpers/db';

withDb({ shared: true });

const MB = 1024 * 1024;

interface Answer {
	status: number;
	body: string;
}

/**
 * Sends `size` bytes in 1 MB writes (chunked when `chunked`), reads the answer; a reset, or no
 * answer within 60 s, rejects.
 */
function send(path: string, method: string, headers: Record<string, string>, size: number, chunked = false): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = http.request(new URL(path, baseUrl()), {
			method,
			headers: chunked ? { ...headers, 'transfer-encoding': 'chunked' } : { ...headers, 'content-length': String(size) },
			timeout: 60_000
		});
		request.on('timeout', () => request.destroy(new Error(`no answer from ${method} ${path} within 60 s`)));
		request.on('error', reject);
		request.on('response', (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
			response.on('error', reject);
		});
		const chunk = Buffer.alloc(MB, 7);
		let sent = 0;
		const write = () => {
			while (sent < size) {
				sent += MB;
				if (!request.write(chunk)) return void request.once('drain', write);
			}
			request.end();
		};
		write();
	});
}

describe('refusals answer their JSON before closing', () => {
	it('a refused frame upload (non-FITS name, malformed sha256) with a 40 MB body, five times each', async () => {
		const user = await createTestUser();
		const token = generateSessionToken();
		await createSession(token, user.id);
		const upload = await createUploadSession(user.id);
		const headers = { cookie: `crowdsky_session=${token}`, 'content-type': 'application/octet-stream' };
		const sha = 'a'.repeat(64);
		for (let i = 0; i < 5; i++) {
			for (const query of [`name=notes-${i}.txt&sha256=${sha}`, `name=frame-${i}.fit&sha256=not-a-hash`]) {
				const answer = await send(`/api/uploads/${upload.token}/files?${query}`, 'PUT', headers, 40 * MB);
				expect(answer.status, query).toBe(400);
				expect(JSON.parse(answer.body).message, query).toEqual(expect.any(String));
			}
		}
	});

	it('a chunked telescope stack over 60 MB, as the FITS body or as multipart, gets its JSON 413', async () => {
		const user = await createTestUser();
		const created = await createApiToken(user.id, 'telescope');
		if (!created.ok) throw new Error(created.message);
		// SvelteKit refuses a multipart post without a same-site Origin before the route sees it.
		const auth = { authorization: `Bearer ${created.token}`, origin: baseUrl() };
		for (const contentType of ['application/fits', 'multipart/form-data; boundary=xyz']) {
			const answer = await send('/api/stacks', 'POST', { ...auth, 'content-type': contentType }, 70 * MB, true);
			expect(answer.status, contentType).toBe(413);
			expect(JSON.parse(answer.body).message, contentType).toMatch(/at most 60/);
		}
	});
});
