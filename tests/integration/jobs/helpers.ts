/**
 * Shared pieces of the job tests: callers of the /api/jobs handlers as SvelteKit calls them, an
 * observer's finalized upload of the real M 94 frames, and one real stack of them.
 */
import { eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/server/auth/types';
import { createApiToken } from '$lib/server/auth';
import { apiTokens, stackingJobs, type Tier } from '$lib/server/db/schema';
import { createUploadSession, finalizeSession } from '$lib/server/uploads';
import { diskCatalogSource } from '$lib/catalog/disk-source';
import { bytesSource, createLocalPool, stackBandHashes, stackFrames, type StackReport } from '$lib/stacking';
import { loadKernel } from '$lib/stacking/kernel/node';
import { POST as claim } from '../../../src/routes/api/jobs/claim/+server';
import { GET as download } from '../../../src/routes/api/jobs/[id]/files/[fileId]/+server';
import { POST as giveBack } from '../../../src/routes/api/jobs/[id]/return/+server';
import { createTestUser, testDb } from '../../helpers/db';
import { realFrames, upload, type RealFrame } from '../uploads/fixtures';

export const BASE = 'http://localhost/api/jobs';

/** Who calls: a session user (Compute page) or a Bearer token (runner), from an address (default 192.0.2.1). */
export interface Who {
	user: SessionUser | null;
	bearer?: string;
	address?: string;
}

export async function call(handler: (event: never) => Response | Promise<Response>, who: Who, pending: Request | Promise<Request>, params: Record<string, string> = {}) {
	const request = await pending;
	if (who.bearer) request.headers.set('authorization', `Bearer ${who.bearer}`);
	const event = { locals: { user: who.user, session: null }, params, request, url: new URL(request.url), getClientAddress: () => who.address ?? '192.0.2.1' };
	return handler(event as never);
}

export function jsonPost(url: string, body: unknown, lease?: string): Request {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (lease) headers['x-lease-token'] = lease;
	return new Request(url, { method: 'POST', body: JSON.stringify(body), headers });
}

export function leaseGet(url: string, lease?: string): Request {
	return new Request(url, { headers: lease ? { 'x-lease-token': lease } : {} });
}

export async function sessionUser(tier: Tier = 'free'): Promise<SessionUser> {
	const row = await createTestUser({ tier });
	return { id: row.id, username: row.username, email: row.email, tier: row.tier, storageUsedMb: 0, storageLimitMb: 500, createdAt: row.createdAt };
}

/** A volunteer with an API token (trusted or not) used as Bearer. */
export async function runner(trusted = false): Promise<Who & { userId: number }> {
	const user = await sessionUser();
	const created = await createApiToken(user.id, 'runner');
	if (!created.ok) throw new Error(created.message);
	if (trusted) await testDb().update(apiTokens).set({ trusted: 1 }).where(eq(apiTokens.id, created.summary.id));
	return { user: null, bearer: created.token, userId: user.id };
}

let m94: RealFrame[] | undefined;
export async function m94Frames(): Promise<RealFrame[]> {
	m94 ??= await realFrames('M94_set2_20250327');
	return m94;
}

/** An observer of `tier` uploads the 6 M 94 frames and finalizes: the one job's id. */
export async function observerJob(tier: Tier = 'free'): Promise<{ owner: SessionUser; jobId: number }> {
	const owner = await sessionUser(tier);
	const { token } = await createUploadSession(owner.id);
	for (const frame of await m94Frames()) await upload(owner.id, token, frame.name, frame.bytes);
	const { jobs } = await finalizeSession(owner.id, token);
	if (jobs.length !== 1) throw new Error(`expected one M 94 job, got ${jobs.length}`);
	return { owner, jobId: jobs[0].id };
}

export interface Ticket {
	id: number;
	leaseToken: string;
	files: { id: number; name: string; size: number; sha256: string }[];
}

export async function claimAs(who: Who, workerId = 'test-worker'): Promise<Ticket | null> {
	const response = await call(claim, who, jsonPost(`${BASE}/claim`, { workerId }));
	if (response.status === 204) return null;
	if (response.status !== 200) throw new Error(`claim: ${response.status} ${await response.text()}`);
	return (await response.json()).job;
}

export async function downloadAs(who: Who, ticket: Ticket, fileId: number, lease = ticket.leaseToken): Promise<Response> {
	const params = { id: String(ticket.id), fileId: String(fileId) };
	return call(download, who, leaseGet(`${BASE}/${ticket.id}/files/${fileId}`, lease), params);
}

export async function giveBackAs(who: Who, ticket: Ticket): Promise<void> {
	await call(giveBack, who, jsonPost(`${BASE}/${ticket.id}/return`, {}, ticket.leaseToken), { id: String(ticket.id) });
}

/** The frames as a worker receives them, stacked by the real kernel: what a correct worker returns. */
export async function stackTicket(who: Who, ticket: Ticket): Promise<{ fits: Uint8Array; report: StackReport; frames: Map<string, Uint8Array> }> {
	const frames = new Map<string, Uint8Array>();
	for (const file of ticket.files) {
		const response = await downloadAs(who, ticket, file.id);
		if (response.status !== 200) throw new Error(`download ${file.name}: ${response.status}`);
		frames.set(file.name, new Uint8Array(await response.arrayBuffer()));
	}
	const pool = createLocalPool(loadKernel());
	try {
		// A worker solves against the catalogue the server serves, as the server's spot check does.
		const result = await stackFrames([...frames].map(([name, bytes]) => bytesSource(name, bytes)), pool, { catalog: diskCatalogSource('static/catalog') });
		return { ...result, frames };
	} finally {
		await pool.close();
	}
}

/** A completion as a worker sends it; `bands` default to the stack's own band hashes (a placeholder when it is no FITS). */
export function submission(fits: Uint8Array, report: unknown, cpuMs = 1234, lease?: string, bands?: string[]): (url: string) => Promise<Request> {
	return async (url) => {
		const form = new FormData();
		form.set('bands', JSON.stringify(bands ?? (await stackBandHashes(fits).catch(() => ['0'.repeat(64)]))));
		form.set('stack', new Blob([fits as Uint8Array<ArrayBuffer>], { type: 'application/fits' }), 'stack.fits');
		form.set('report', JSON.stringify(report));
		form.set('cpuMs', String(cpuMs));
		return new Request(url, { method: 'POST', body: form, headers: lease ? { 'x-lease-token': lease } : {} });
	};
}

export async function jobRow(id: number) {
	return (await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, id)))[0];
}

/** Makes a job claimable again at once (tests skip the backoff wait). */
export async function makeDue(id: number): Promise<void> {
	await testDb().update(stackingJobs).set({ runAt: null }).where(eq(stackingJobs.id, id));
}
