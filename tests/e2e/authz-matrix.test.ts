/**
 * Authorization as a matrix, against the real server: every page, form-action set and endpoint
 * method under src/routes is asked by an anonymous visitor, the owner (session and API token),
 * another user (session and API token) and the owner's revoked API token. Refusals are 401/403/404
 * with a message (JSON `{ message }` for APIs; anonymous page visits go to /login), and no answer to
 * anyone but the owner carries the owner's data. A route the matrix does not know fails the test.
 *
 * Fixtures, made once: an owner whose six real M 94 frames were uploaded, finalized and stacked by
 * a trusted `node runner.js --once` (a completed job and a stack, shared by link), plus an open
 * upload session holding one real NGC 7023 frame; another user with nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '$lib/server/auth/api-tokens';
import { apiTokens, stackedFrames, users } from '$lib/server/db/schema';
import { baseUrl } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { listRouteKeys } from '../helpers/endpoints';
import { NGC7023 } from '../unit/stacking/helpers';
import { runner } from '../harness/runner-process';
import { jobsOf, observer, parkOtherJobs, trustedToken, uploadAndFinalize } from './runner-steps';

withDb({ shared: true });

type Actor = 'anonymous' | 'owner' | 'ownerToken' | 'other' | 'otherToken' | 'revokedToken';
const ACTORS: Actor[] = ['anonymous', 'owner', 'ownerToken', 'other', 'otherToken', 'revokedToken'];

/**
 * What a row expects:
 * - `api`: anonymous and a revoked token get 401 JSON; `other` is `refused` (404 JSON, says nothing
 *   of whose), `scoped` (200, answers about the caller only) or `self` (acts for the caller; not
 *   asked, only the 401s are checked); `owner` is the owner's status (`skip` for destructive verbs
 *   and those exercised by the fixtures). `bearer`: API tokens count, else a token alone is 401.
 * - `page`: a logged-in page; anonymous (and a token, which pages ignore) go to /login.
 * - `public`: anonymous visitors and tokens get `owner`'s status, logged-in users `loggedIn`'s
 *   (default the same; `skip` where asking would end the session); nobody else sees the owner's data.
 */
interface Row {
	key: string;
	kind: 'api' | 'page' | 'public';
	path: () => string;
	body?: () => string | Blob | FormData;
	contentType?: string;
	bearer?: boolean;
	owner: number | 'skip';
	loggedIn?: number | 'skip';
	other?: 'refused' | 'scoped' | 'self';
}

interface Fixtures {
	ownerUsername: string;
	ownerCookie: string;
	otherCookie: string;
	ownerToken: string;
	otherToken: string;
	revokedToken: string;
	ownerTokenId: number;
	/** An open upload session of the owner's with one real frame. */
	uploadToken: string;
	jobId: number;
	stackId: number;
	healpix: number;
	chunkKey: string;
	shareToken: string;
}

let fx: Fixtures;

const FORM = 'application/x-www-form-urlencoded';
/** The runner stacks six frames in seconds; this leaves the rest of the hook's 300 s for the report. */
const RUNNER_MS = 240_000;
const json = (value: unknown) => () => JSON.stringify(value);

/** A well-formed submission for a job the caller does not hold. */
function completion(): FormData {
	const form = new FormData();
	form.set('stack', new Blob([new Uint8Array(2880)]), 'stack.fits');
	form.set('report', JSON.stringify({ frames: [] }));
	form.set('cpuMs', '1');
	form.set('bands', JSON.stringify(['0'.repeat(64)]));
	form.set('leaseToken', 'x'.repeat(64));
	return form;
}

const ROWS: Row[] = [
	// Pages
	{ key: 'PAGE /', kind: 'public', path: () => '/', owner: 200 },
	{ key: 'PAGE /login', kind: 'public', path: () => '/login', owner: 200, loggedIn: 303 },
	{ key: 'PAGE /register', kind: 'public', path: () => '/register', owner: 200, loggedIn: 303 },
	{ key: 'PAGE /logout', kind: 'public', path: () => '/logout', owner: 303, loggedIn: 200 },
	{ key: 'PAGE /offline', kind: 'public', path: () => '/offline', owner: 200 },
	{ key: 'PAGE /s/[token]', kind: 'public', path: () => `/s/${fx.shareToken}`, owner: 200 },
	{ key: 'PAGE /account', kind: 'page', path: () => '/account', owner: 200, other: 'scoped' },
	{ key: 'PAGE /compute', kind: 'page', path: () => '/compute', owner: 200, other: 'scoped' },
	{ key: 'PAGE /upload', kind: 'page', path: () => '/upload', owner: 200, other: 'scoped' },
	{ key: 'PAGE /status', kind: 'page', path: () => '/status', owner: 200, other: 'scoped' },
	{ key: 'PAGE /stacks', kind: 'page', path: () => '/stacks', owner: 200, other: 'scoped' },
	{ key: 'PAGE /stacks/targets', kind: 'page', path: () => '/stacks/targets', owner: 200, other: 'scoped' },
	{ key: 'PAGE /stacks/[id]', kind: 'page', path: () => `/stacks/${fx.stackId}`, owner: 200, other: 'refused' },
	// Form actions: the account's are the owner's; revoking someone else's token id changes nothing.
	{
		key: 'ACTIONS /account',
		kind: 'page',
		path: () => '/account?/revokeToken',
		body: () => `id=${fx.ownerTokenId}`,
		contentType: FORM,
		owner: 'skip',
		other: 'refused'
	},
	// Public forms: empty credentials are refused with 400 (a logged-in user is sent on); logging out without a session goes home.
	{ key: 'ACTIONS /login', kind: 'public', path: () => '/login?/login', body: () => 'username=&password=', contentType: FORM, owner: 400, loggedIn: 303 },
	{ key: 'ACTIONS /register', kind: 'public', path: () => '/register?/register', body: () => 'username=&email=&password=', contentType: FORM, owner: 400, loggedIn: 303 },
	{ key: 'ACTIONS /logout', kind: 'public', path: () => '/logout', body: () => '', contentType: FORM, owner: 303, loggedIn: 'skip' },
	// Stacks data API (Bearer or session)
	{ key: 'GET /api/stacks', kind: 'api', bearer: true, path: () => '/api/stacks', owner: 200, other: 'scoped' },
	{ key: 'GET /api/stacks/summaries', kind: 'api', bearer: true, path: () => '/api/stacks/summaries', owner: 200, other: 'scoped' },
	{ key: 'GET /api/sky', kind: 'api', bearer: true, path: () => `/api/sky?healpix=${fx.healpix}`, owner: 200, other: 'scoped' },
	{ key: 'GET /api/stacks/[id]', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}`, owner: 200, other: 'refused' },
	{ key: 'GET /api/stacks/[id]/fits', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/fits`, owner: 200, other: 'refused' },
	{ key: 'GET /api/stacks/[id]/thumbnail', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/thumbnail`, owner: 200, other: 'refused' },
	{ key: 'GET /api/stacks/[id]/picture', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/picture`, owner: 200, other: 'refused' },
	{ key: 'GET /api/stacks/[id]/preview', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/preview?max=64`, owner: 200, other: 'refused' },
	{ key: 'POST /api/stacks/[id]/share', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/share`, owner: 'skip', other: 'refused' },
	{ key: 'DELETE /api/stacks/[id]/share', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}/share`, owner: 'skip', other: 'refused' },
	{ key: 'DELETE /api/stacks/[id]', kind: 'api', bearer: true, path: () => `/api/stacks/${fx.stackId}`, owner: 'skip', other: 'refused' },
	{ key: 'POST /api/stacks/zip', kind: 'api', bearer: true, path: () => '/api/stacks/zip', body: () => JSON.stringify({ ids: [fx.stackId] }), contentType: 'application/json', owner: 200, other: 'refused' },
	{ key: 'POST /api/stacks', kind: 'api', bearer: true, path: () => '/api/stacks', owner: 'skip', other: 'self' },
	{ key: 'GET /s/[token]/fits', kind: 'public', path: () => `/s/${fx.shareToken}/fits`, owner: 200 },
	{ key: 'GET /s/[token]/thumbnail', kind: 'public', path: () => `/s/${fx.shareToken}/thumbnail`, owner: 200 },
	{ key: 'GET /s/[token]/picture', kind: 'public', path: () => `/s/${fx.shareToken}/picture?format=jpeg`, owner: 200 },
	// Status
	{ key: 'GET /api/status/stream', kind: 'api', bearer: true, path: () => '/api/status/stream', owner: 200, other: 'scoped' },
	{ key: 'DELETE /api/jobs/[id]/owner', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/owner`, owner: 'skip', other: 'refused' },
	// The fixture's job is completed: the owner may ask, and hears it has not failed.
	{ key: 'POST /api/jobs/[id]/rerun', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/rerun`, owner: 409, other: 'refused' },
	{ key: 'DELETE /api/uploads/[token]', kind: 'api', bearer: true, path: () => `/api/uploads/${fx.uploadToken}`, owner: 'skip', other: 'refused' },
	// Uploads (the Upload page's session API)
	{ key: 'POST /api/uploads', kind: 'api', path: () => '/api/uploads', owner: 'skip', other: 'self' },
	{ key: 'GET /api/uploads/[token]', kind: 'api', path: () => `/api/uploads/${fx.uploadToken}`, owner: 200, other: 'refused' },
	{ key: 'POST /api/uploads/[token]/check', kind: 'api', path: () => `/api/uploads/${fx.uploadToken}/check`, body: json({ files: [{ name: 'x.fit', size: 2880, sha256: '0'.repeat(64) }] }), contentType: 'application/json', owner: 'skip', other: 'refused' },
	{
		key: 'PUT /api/uploads/[token]/files',
		kind: 'api',
		path: () => `/api/uploads/${fx.uploadToken}/files?name=x.fit&sha256=${'0'.repeat(64)}`,
		body: () => new Blob([new Uint8Array(2880)]),
		contentType: 'application/octet-stream',
		owner: 'skip',
		other: 'refused'
	},
	{ key: 'POST /api/uploads/[token]/finalize', kind: 'api', path: () => `/api/uploads/${fx.uploadToken}/finalize`, owner: 'skip', other: 'refused' },
	// Compute: any volunteer works; a job's files and verbs belong to its lease holder only, not even the owner.
	{ key: 'GET /api/compute/stats', kind: 'api', bearer: true, path: () => '/api/compute/stats', owner: 200, other: 'scoped' },
	{ key: 'POST /api/jobs/claim', kind: 'api', bearer: true, path: () => '/api/jobs/claim', body: json({ workerId: 'authz-matrix' }), contentType: 'application/json', owner: 'skip', other: 'self' },
	{ key: 'GET /api/jobs/[id]/files', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/files`, owner: 404, other: 'refused' },
	{ key: 'GET /api/jobs/[id]/files/[fileId]', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/files/1`, owner: 404, other: 'refused' },
	{ key: 'POST /api/jobs/[id]/heartbeat', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/heartbeat`, body: json({ leaseToken: 'x'.repeat(64) }), contentType: 'application/json', owner: 404, other: 'refused' },
	{ key: 'POST /api/jobs/[id]/return', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/return`, body: json({ leaseToken: 'x'.repeat(64) }), contentType: 'application/json', owner: 404, other: 'refused' },
	{ key: 'POST /api/jobs/[id]/fail', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/fail`, body: json({ leaseToken: 'x'.repeat(64), error: 'no' }), contentType: 'application/json', owner: 404, other: 'refused' },
	{ key: 'POST /api/jobs/[id]/complete', kind: 'api', bearer: true, path: () => `/api/jobs/${fx.jobId}/complete`, body: completion, owner: 404, other: 'refused' }
];

/** Routes that exist but that the matrix cannot ask yet (none today); listed so the gap shows. */
const TODO: string[] = [];

interface Answer {
	status: number;
	type: string;
	location: string | null;
	text: string;
}

function credentials(actor: Actor): Record<string, string> {
	switch (actor) {
		case 'anonymous':
			return {};
		case 'owner':
			return { cookie: fx.ownerCookie };
		case 'other':
			return { cookie: fx.otherCookie };
		case 'ownerToken':
			return { authorization: `Bearer ${fx.ownerToken}` };
		case 'otherToken':
			return { authorization: `Bearer ${fx.otherToken}` };
		case 'revokedToken':
			return { authorization: `Bearer ${fx.revokedToken}` };
	}
}

/** The method of a key; form actions are POSTs, pages GETs. */
function methodOf(row: Row): string {
	const [word] = row.key.split(' ');
	return word === 'PAGE' ? 'GET' : word === 'ACTIONS' ? 'POST' : word;
}

/** Asks as `actor`; an event stream is read up to its first event, anything else whole. */
async function ask(row: Row, actor: Actor): Promise<Answer> {
	const method = methodOf(row);
	// Pages and forms as a browser asks for them (SvelteKit answers a form post without it in JSON).
	const accept = row.kind === 'api' ? '*/*' : 'text/html';
	const headers: Record<string, string> = { origin: baseUrl(), accept, ...credentials(actor) };
	if (row.contentType) headers['content-type'] = row.contentType;
	const controller = new AbortController();
	const response = await fetch(`${baseUrl()}${row.path()}`, {
		method,
		headers,
		body: method === 'GET' ? undefined : (row.body?.() ?? ''),
		redirect: 'manual',
		signal: controller.signal
	});
	const type = response.headers.get('content-type') ?? '';
	let text: string;
	if (type.startsWith('text/event-stream')) {
		const reader = response.body!.getReader();
		const decoder = new TextDecoder();
		text = '';
		while (!/event: snapshot\ndata: .*\n\n/.test(text)) {
			const { value, done } = await reader.read();
			if (done) break;
			text += decoder.decode(value, { stream: true });
		}
		controller.abort();
	} else {
		text = Buffer.from(await response.arrayBuffer()).toString('latin1');
	}
	return { status: response.status, type, location: response.headers.get('location'), text };
}

/** The owner's data that must never reach anyone else. */
function ownersData(): string[] {
	return [fx.chunkKey, fx.ownerUsername, fx.uploadToken];
}

function expectNoLeak(answer: Answer, what: string): void {
	for (const secret of ownersData()) expect(answer.text.includes(secret), `${what} carries the owner's ${secret}`).toBe(false);
}

function expectJsonRefusal(answer: Answer, status: number | number[], what: string): void {
	const allowed = Array.isArray(status) ? status : [status];
	expect(allowed, `${what}: status ${answer.status} ${answer.text.slice(0, 200)}`).toContain(answer.status);
	expect(answer.type, what).toMatch(/^application\/json/);
	const body = JSON.parse(answer.text) as { message?: unknown };
	expect(typeof body.message === 'string' && body.message.length > 0, `${what} has a message`).toBe(true);
	expectNoLeak(answer, what);
}

function expectLoginRedirect(answer: Answer, what: string): void {
	expect([302, 303], `${what}: ${answer.status}`).toContain(answer.status);
	const location = new URL(answer.location!, baseUrl());
	expect(location.pathname, what).toBe('/login');
	expectNoLeak(answer, what);
}

async function checkRow(row: Row, actor: Actor): Promise<void> {
	const what = `${row.key} as ${actor}`;
	const isOwner = actor === 'owner' || (actor === 'ownerToken' && row.bearer === true);
	const isOther = actor === 'other' || (actor === 'otherToken' && row.bearer === true);
	if (row.kind === 'public') {
		const expected = actor === 'owner' || actor === 'other' ? (row.loggedIn ?? row.owner) : row.owner;
		if (expected === 'skip') return;
		const answer = await ask(row, actor);
		expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(expected);
		// Anyone may see a shared stack; nobody but the owner sees whose it is.
		if (actor !== 'owner') for (const secret of [fx.ownerUsername, fx.uploadToken]) expect(answer.text.includes(secret), what).toBe(false);
		return;
	}
	if (row.kind === 'page') {
		if (!isOwner && !isOther) return expectLoginRedirect(await ask(row, actor), what);
		if (isOwner) {
			if (row.owner === 'skip') return;
			const answer = await ask(row, actor);
			expect(answer.status, what).toBe(row.owner);
			return;
		}
		const answer = await ask(row, actor);
		if (row.other === 'refused') {
			// A form action answers 400 with its message; a page 404 — both without the owner's data.
			expect(answer.status, what).toBe(row.key.startsWith('ACTIONS') ? 400 : 404);
			expectNoLeak(answer, what);
		} else {
			expect(answer.status, what).toBe(200);
			expectNoLeak(answer, what);
		}
		return;
	}
	// api
	if (!isOwner && !isOther) return expectJsonRefusal(await ask(row, actor), 401, what);
	if (isOwner) {
		if (row.owner === 'skip') return;
		const answer = await ask(row, actor);
		if (row.owner >= 400) return expectJsonRefusal(answer, row.owner, what);
		expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(row.owner);
		return;
	}
	if (row.other === 'self') return;
	const answer = await ask(row, actor);
	if (row.other === 'refused') return expectJsonRefusal(answer, 404, what);
	expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(200);
	expectNoLeak(answer, what);
}

async function makeToken(userId: number, name: string): Promise<{ token: string; id: number }> {
	const created = await createApiToken(userId, name);
	if (!created.ok) throw new Error(created.message);
	return { token: created.token, id: created.summary.id };
}

/** An open upload session of `cookie`'s user holding one real frame: its token. */
async function openSessionWithFrame(cookie: string): Promise<string> {
	const headers = { cookie, origin: baseUrl() };
	const opened = await fetch(`${baseUrl()}/api/uploads`, { method: 'POST', headers });
	expect(opened.status).toBe(201);
	const { token } = (await opened.json()) as { token: string };
	const name = readdirSync(NGC7023).filter((f) => f.endsWith('.fit')).sort()[0];
	const bytes = new Uint8Array(readFileSync(join(NGC7023, name)));
	const sha = createHash('sha256').update(bytes).digest('hex');
	const put = await fetch(`${baseUrl()}/api/uploads/${token}/files?name=${encodeURIComponent(name)}&sha256=${sha}`, {
		method: 'PUT',
		headers: { ...headers, 'content-type': 'application/octet-stream' },
		body: bytes
	});
	expect(put.status, await put.clone().text()).toBe(201);
	return token;
}

beforeAll(async () => {
	const owner = await observer();
	const other = await observer();
	const { sessionId } = await uploadAndFinalize(owner.cookie);
	await parkOtherJobs(sessionId);
	const run = runner(['--server', baseUrl(), '--token', await trustedToken(), '--once', '--concurrency', '2']);
	// Within the hook's time, or the runner's own words say why not.
	const late = setTimeout(() => run.child.kill('SIGKILL'), RUNNER_MS);
	const code = await run.exit;
	clearTimeout(late);
	expect(code, `runner: ${run.out()}${run.err()}`).toBe(0);
	const [job] = await jobsOf(sessionId);
	expect(job.status).toBe('completed');
	const [stack] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id));
	const [ownerRow] = await testDb().select().from(users).where(eq(users.id, owner.id));

	const share = await fetch(`${baseUrl()}/api/stacks/${stack.id}/share`, { method: 'POST', headers: { cookie: owner.cookie, origin: baseUrl() } });
	expect(share.status, await share.clone().text()).toBe(200);
	const { url } = (await share.json()) as { url: string };

	const ownerToken = await makeToken(owner.id, 'matrix');
	const revoked = await makeToken(owner.id, 'matrix revoked');
	expect(await revokeApiToken(owner.id, revoked.id)).toBe(true);
	fx = {
		ownerUsername: ownerRow.username,
		ownerCookie: owner.cookie,
		otherCookie: other.cookie,
		ownerToken: ownerToken.token,
		ownerTokenId: ownerToken.id,
		otherToken: (await makeToken(other.id, 'matrix')).token,
		revokedToken: revoked.token,
		uploadToken: await openSessionWithFrame(owner.cookie),
		jobId: job.id,
		stackId: stack.id,
		healpix: stack.healpix!,
		chunkKey: job.chunkKey,
		shareToken: new URL(url).pathname.split('/').pop()!
	};
});

describe('the authorization matrix', () => {
	it('covers every page, form-action set and endpoint method under src/routes (TODO lists the ones it cannot ask yet)', () => {
		const routes = listRouteKeys();
		const covered = new Set([...ROWS.map((r) => r.key), ...TODO]);
		expect(routes.filter((key) => !covered.has(key)), 'routes the matrix does not cover').toEqual([]);
		expect([...covered].filter((key) => !routes.includes(key)), 'matrix rows without a route').toEqual([]);
	});

	it('the owner\'s data is there for the owner (so the leak checks below can see it)', async () => {
		for (const key of ['GET /api/stacks', 'GET /api/stacks/summaries', 'GET /api/sky', 'GET /api/status/stream', 'PAGE /stacks', 'PAGE /stacks/targets']) {
			const row = ROWS.find((r) => r.key === key)!;
			for (const actor of ['owner', 'ownerToken'] as const) {
				if (actor === 'ownerToken' && row.kind === 'page') continue;
				const answer = await ask(row, actor);
				expect(answer.text.includes(fx.chunkKey), `${key} as ${actor} lists the owner's stack`).toBe(true);
			}
		}
	});

	for (const row of ROWS) {
		it(`${row.key}: ${ACTORS.join(', ')}`, async () => {
			for (const actor of ACTORS) await checkRow(row, actor);
		});
	}

	it('after every refusal the owner\'s stack, job, share link, upload session and token are all still there', async () => {
		const headers = { cookie: fx.ownerCookie, origin: baseUrl() };
		expect((await fetch(`${baseUrl()}/api/stacks/${fx.stackId}`, { headers })).status).toBe(200);
		expect((await fetch(`${baseUrl()}/api/uploads/${fx.uploadToken}`, { headers })).status).toBe(200);
		expect((await fetch(`${baseUrl()}/s/${fx.shareToken}`)).status).toBe(200);
		const [job] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, fx.jobId));
		expect(job).toBeDefined();
		const [token] = await testDb().select().from(apiTokens).where(eq(apiTokens.id, fx.ownerTokenId));
		expect(token.revokedAt).toBeNull();
	});
});
