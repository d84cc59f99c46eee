/**
 * Attacks on sessions and tokens against the real server, over plain HTTP as an attacker's script
 * would send them: session fixation, forged and logged-out session cookies, a revoked API token
 * replayed on every Bearer route, password guessing (per account at an address and per client
 * address, one by one and in parallel, each from its own loopback address so other tests' logins
 * are untouched), hostile `redirectTo` values, whether registration tells a taken email, and
 * another user's upload tokens and job ids in URLs and bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
	createApiToken,
	hashPassword,
	INVALID_LOGIN_MESSAGE,
	loginThrottleKeys,
	revokeApiToken,
	SESSION_COOKIE_NAME
} from '$lib/server/auth';
import { loginThrottle, rawFiles, sessions, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { baseUrl } from '../helpers/browser';
import { createTestUploadSession, createTestUser, testDb, withDb } from '../helpers/db';
import { PASSWORD } from './accounts';

withDb({ shared: true });

/** Throttle rows this file creates, removed at the end so no later test finds its address locked. */
const throttleKeys: string[] = [];
afterAll(async () => {
	if (throttleKeys.length) await testDb().delete(loginThrottle).where(inArray(loginThrottle.key, throttleKeys));
});

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** One HTTP request from `from` (a loopback address), with no cookie jar and no redirects followed. */
function send(
	method: string,
	path: string,
	{
		cookie,
		bearer,
		form,
		json,
		from = '127.0.0.1'
	}: { cookie?: string; bearer?: string; form?: Record<string, string>; json?: unknown; from?: string } = {}
): Promise<Answer> {
	const url = new URL(path, baseUrl());
	const headers: Record<string, string> = { origin: url.origin, accept: 'text/html,application/json' };
	if (cookie !== undefined) headers.cookie = `${SESSION_COOKIE_NAME}=${cookie}`;
	if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
	const body = form ? new URLSearchParams(form).toString() : json !== undefined ? JSON.stringify(json) : undefined;
	if (body !== undefined) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method, headers, localAddress: from }, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
		});
		request.on('error', reject);
		request.end(body);
	});
}

/** The session cookie a response sets: its value ('' when it clears the cookie), or undefined. */
function sessionCookieSet(answer: Answer): string | undefined {
	const line = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`));
	return line?.slice(SESSION_COOKIE_NAME.length + 1).split(';')[0];
}

async function personWithPassword() {
	return createTestUser({ passwordHash: await hashPassword(PASSWORD) });
}

function logIn(
	username: string,
	password: string,
	{ cookie, from, extra }: { cookie?: string; from?: string; extra?: Record<string, string> } = {}
) {
	return send('POST', '/login?/login', { cookie, from, form: { username, password, ...extra } });
}

/** Logs in and returns the session token the server issued. */
async function sessionOf(username: string): Promise<string> {
	const answer = await logIn(username, PASSWORD);
	expect(answer.status, answer.body.slice(0, 300)).toBe(303);
	const token = sessionCookieSet(answer);
	expect(token).toBeTruthy();
	return token!;
}

/** Who the server takes the caller for: the account page answers 200 only to a logged-in user. */
async function isLoggedIn(cookie: string): Promise<boolean> {
	const answer = await send('GET', '/account', { cookie });
	return answer.status === 200;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

describe('sessions', () => {
	it('fixation: a cookie planted before login is not the session after it; a forged cookie is anonymous and cleared', async () => {
		const user = await personWithPassword();
		const planted = randomBytes(20).toString('hex');
		const forged = await send('GET', '/account', { cookie: planted });
		expect(forged.status).toBe(303);
		expect(forged.headers.location).toMatch(/^\/login/);
		expect(sessionCookieSet(forged), 'the forged cookie is cleared').toBe('');

		const login = await logIn(user.username, PASSWORD, { cookie: planted });
		expect(login.status).toBe(303);
		const issued = sessionCookieSet(login);
		expect(issued).toBeTruthy();
		expect(issued).not.toBe(planted);
		expect(await isLoggedIn(issued!)).toBe(true);
		expect(await isLoggedIn(planted), 'the planted value stays anonymous').toBe(false);
		const rows = await testDb().select().from(sessions).where(eq(sessions.userId, user.id));
		expect(rows.map((s) => s.id)).toEqual([sessionIdOf(issued!)]);

		// An attacker's own valid session planted in the victim's browser is replaced at the victim's login.
		const attacker = await personWithPassword();
		const attackersSession = await sessionOf(attacker.username);
		const victimLogin = await logIn(user.username, PASSWORD, { cookie: attackersSession });
		const victims = sessionCookieSet(victimLogin);
		expect(victims).toBeTruthy();
		expect(victims).not.toBe(attackersSession);
		const [row] = await testDb().select().from(sessions).where(eq(sessions.id, sessionIdOf(victims!)));
		expect(row.userId).toBe(user.id);
	});

	it('a logged-out session cookie replayed is anonymous on pages and APIs', async () => {
		const user = await personWithPassword();
		const token = await sessionOf(user.username);
		expect(await isLoggedIn(token)).toBe(true);
		expect((await send('GET', '/api/uploads', { cookie: token })).status).not.toBe(401);
		const logout = await send('POST', '/logout', { cookie: token, form: {} });
		expect(logout.status).toBe(303);
		expect(await testDb().select().from(sessions).where(eq(sessions.id, sessionIdOf(token)))).toEqual([]);

		expect(await isLoggedIn(token)).toBe(false);
		const api = await send('POST', '/api/uploads', { cookie: token });
		expect(api.status).toBe(401);
		expect(JSON.parse(api.body).message).toMatch(/Log in/);
		expect(await testDb().select().from(uploadSessions).where(eq(uploadSessions.userId, user.id))).toEqual([]);
	});
});

describe('API tokens', () => {
	it('a revoked token is refused with 401 on every Bearer route, even with a valid session beside it', async () => {
		const user = await personWithPassword();
		const created = await createApiToken(user.id, 'stolen laptop');
		if (!created.ok) throw new Error(created.message);
		const token = created.token;
		expect((await send('GET', '/api/stacks', { bearer: token })).status, 'the live token works').toBe(200);
		expect(await revokeApiToken(user.id, created.summary.id)).toBe(true);

		const session = await sessionOf(user.username);
		const routes: [string, string][] = [
			['GET', '/api/stacks'],
			['GET', '/api/stacks/summaries'],
			['GET', '/api/sky'],
			['GET', '/api/stacks/1'],
			['POST', '/api/jobs/claim'],
			['GET', '/api/jobs/1/files'],
			['GET', '/api/jobs/1/files/1'],
			['POST', '/api/jobs/1/heartbeat'],
			['POST', '/api/jobs/1/complete'],
			['POST', '/api/jobs/1/fail'],
			['POST', '/api/jobs/1/return'],
			['DELETE', '/api/jobs/1/owner'],
			['GET', '/api/compute/stats']
		];
		for (const [method, path] of routes) {
			for (const cookie of [undefined, session]) {
				const answer = await send(method, path, { bearer: token, cookie });
				expect(answer.status, `${method} ${path}${cookie ? ' with a session' : ''}: ${answer.body.slice(0, 200)}`).toBe(401);
				expect(JSON.parse(answer.body).message).toBeTruthy();
			}
		}
	});
});

/** Logs `username` in from `from`, remembering the throttle rows that creates for cleaning up. */
function guess(username: string, password: string, from: string, extra: Record<string, string> = {}) {
	throttleKeys.push(...loginThrottleKeys(username, from).map((k) => k.key));
	return logIn(username, password, { from, extra });
}
const LOCKED = /Too many failed attempts\. Try again in 1[45] minutes\./;

describe('password guessing', () => {
	it('the 6th wrong password for an account from one address is refused, and so is the right one, there only', async () => {
		const user = await personWithPassword();
		const from = '127.0.0.61';
		for (let i = 1; i <= 5; i++) {
			const answer = await guess(user.username, `wrong guess ${i}`, from);
			expect(answer.status).toBe(400);
			expect(answer.body).toContain(INVALID_LOGIN_MESSAGE);
		}
		for (const password of ['wrong guess 6', PASSWORD]) {
			const answer = await guess(user.username, password, from);
			expect(answer.status, password).toBe(400);
			expect(answer.body).toMatch(LOCKED);
			expect(sessionCookieSet(answer)).toBeUndefined();
		}
		expect(await testDb().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);

		// The lock is on the account at the guessing address: the owner at her own address logs in.
		expect((await guess(user.username, PASSWORD, '127.0.0.62')).status).toBe(303);

		// When the lock has run out, the right password works at the guessing address again.
		await testDb()
			.update(loginThrottle)
			.set({ lockedUntil: new Date(Date.now() - 1000) })
			.where(inArray(loginThrottle.key, loginThrottleKeys(user.username, from).map((k) => k.key)));
		expect((await guess(user.username, PASSWORD, from)).status).toBe(303);
	});

	it('100 parallel wrong passwords for one account: 5 are checked, the rest refused unchecked', async () => {
		const user = await personWithPassword();
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, i) => guess(user.username, `parallel guess ${i}`, '127.0.0.65'))
		);
		expect(answers.filter((a) => a.body.includes(INVALID_LOGIN_MESSAGE)).length).toBe(5);
		expect(answers.filter((a) => LOCKED.test(a.body)).length).toBe(95);
	});

	it('one address guessing across many usernames is locked out after 20 failures, whatever the account', async () => {
		const from = '127.0.0.63';
		for (let i = 0; i < 20; i++) {
			const answer = await guess(`nobody_${randomBytes(4).toString('hex')}`, 'guess', from);
			expect(answer.body, `attempt ${i + 1}`).toContain(INVALID_LOGIN_MESSAGE);
		}
		const user = await personWithPassword();
		const locked = await guess(user.username, PASSWORD, from);
		expect(locked.status).toBe(400);
		expect(locked.body).toMatch(LOCKED);
		// Another address is not affected.
		const elsewhere = await guess(user.username, PASSWORD, '127.0.0.64');
		expect(elsewhere.status).toBe(303);
	});

	it('200 parallel usernames from one address: 20 are checked, the rest refused unchecked', async () => {
		const answers = await Promise.all(
			Array.from({ length: 200 }, () => guess(`nobody_${randomBytes(4).toString('hex')}`, 'guess', '127.0.0.66'))
		);
		expect(answers.filter((a) => a.body.includes(INVALID_LOGIN_MESSAGE)).length).toBe(20);
		expect(answers.filter((a) => LOCKED.test(a.body)).length).toBe(180);
	});
});

describe('redirects after login', () => {
	it('redirectTo=/。 (no plain-ASCII Location) is answered with a redirect on this site, not a 500', async () => {
		const user = await personWithPassword();
		const answer = await guess(user.username, PASSWORD, '127.0.0.67', { redirectTo: '/。' });
		expect(answer.status, answer.body.slice(0, 300)).toBe(303);
		expect(new URL(answer.headers.location!, baseUrl()).origin).toBe(baseUrl());
		expect(sessionCookieSet(answer)).toBeTruthy();
	});

	it('redirectTo with a TAB after the slash stays on this site', async () => {
		const user = await personWithPassword();
		const answer = await guess(user.username, PASSWORD, '127.0.0.67', { redirectTo: '/\t/evil.example/phish' });
		expect(answer.status).toBe(303);
		// Browsers drop TAB and newline from URLs, so check where the header leads once they are gone.
		const location = answer.headers.location!.replace(/[\t\n\r]/g, '');
		expect(new URL(location, baseUrl()).origin).toBe(baseUrl());
	});
});

describe('registration', () => {
	it('answers alike whether or not the email already has an account', async () => {
		const owner = await personWithPassword();
		const register = (email: string) => {
			const username = `reg_${randomBytes(4).toString('hex')}`;
			return send('POST', '/register?/register', {
				form: { username, email, password: PASSWORD, passwordRepeat: PASSWORD }
			});
		};
		const taken = await register(owner.email);
		const free = await register(`free_${randomBytes(4).toString('hex')}@example.org`);
		for (const answer of [taken, free]) {
			expect(answer.status, answer.body.slice(0, 300)).toBe(303);
			expect(answer.headers.location).toBe('/upload');
			expect(sessionCookieSet(answer)).toBeTruthy();
		}
	});
});

describe("another user's ids", () => {
	it("upload tokens and job ids of another user answer 404 and change nothing", async () => {
		const owner = await personWithPassword();
		const intruder = await personWithPassword();
		const upload = await createTestUploadSession(owner.id);
		// A finished job: no runner of another test can claim it.
		const [{ id: jobId }] = await testDb()
			.insert(stackingJobs)
			.values({ userId: owner.id, uploadSessionId: upload.id, chunkKey: '20250327.23_192.7_s41.1', status: 'completed' })
			.$returningId();
		const cookie = await sessionOf(intruder.username);
		const created = await createApiToken(intruder.id, 'intruder runner');
		if (!created.ok) throw new Error(created.message);
		const bearer = created.token;

		const token = upload.sessionToken;
		const check = { files: [{ name: 'x.fit', size: 4_152_960, sha256: '0'.repeat(64) }] };
		const attempts: [string, string, { cookie?: string; bearer?: string; json?: unknown }][] = [
			['GET', `/api/uploads/${token}`, { cookie }],
			['DELETE', `/api/uploads/${token}`, { cookie }],
			['POST', `/api/uploads/${token}/check`, { cookie, json: check }],
			['POST', `/api/uploads/${token}/finalize`, { cookie }],
			['PUT', `/api/uploads/${token}/files?name=x.fit&sha256=${'0'.repeat(64)}`, { cookie }],
			['DELETE', `/api/jobs/${jobId}/owner`, { cookie }],
			['DELETE', `/api/jobs/${jobId}/owner`, { bearer }],
			['GET', `/api/jobs/${jobId}/files`, { bearer }],
			['POST', `/api/jobs/${jobId}/heartbeat`, { bearer }],
			['POST', `/api/jobs/${jobId}/return`, { bearer }],
			['POST', `/api/jobs/${jobId}/fail`, { bearer, json: { error: 'forged failure' } }]
		];
		for (const [method, path, who] of attempts) {
			const answer = await send(method, path, who);
			expect(answer.status, `${method} ${path}: ${answer.body.slice(0, 200)}`).toBe(404);
			expect(JSON.parse(answer.body).message).toBeTruthy();
		}
		const [job] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, jobId));
		expect(job).toMatchObject({ userId: owner.id, status: 'completed' });
		const [session] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, upload.id));
		expect(session).toMatchObject({ userId: owner.id, status: upload.status, fileCount: 0 });
		expect(await testDb().select().from(rawFiles).where(and(eq(rawFiles.uploadSessionId, upload.id)))).toEqual([]);
		// The owner still can.
		const own = await send('DELETE', `/api/jobs/${jobId}/owner`, { cookie: await sessionOf(owner.username) });
		expect(own.status, own.body).toBe(200);
	});
});
