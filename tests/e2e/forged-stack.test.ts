/**
 * Issue 11, finding 1, against the real server: two free accounts from one address, each with an
 * API token, post the same forged stack (a 400 x 400 block of 50000.0 painted into RED, GREEN and
 * BLUE of an honest stack of the job's frames). The spot check refuses both; the job is not
 * completed and the owner's free-tier raws stay.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { JobTicket } from '$lib/api/jobs';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { rawFiles, stackedFrames, stackingJobs } from '$lib/server/db/schema';
import { readHdus } from '$lib/fits';
import { diskCatalogSource } from '$lib/catalog/disk-source';
import { bytesSource, createLocalPool, stackBandHashes, stackFrames } from '$lib/stacking';
import { loadKernel } from '$lib/stacking/kernel/node';
import { baseUrl } from '../helpers/browser';
import { createTestUser, testDb, withDb } from '../helpers/db';
import { jobsOf, observer, parkOtherJobs, uploadAndFinalize } from './runner-steps';

withDb({ shared: true });

async function volunteerToken(): Promise<string> {
	const created = await createApiToken((await createTestUser()).id, 'runner');
	if (!created.ok) throw new Error(created.message);
	return created.token;
}

const api = (token: string, path: string, init: RequestInit = {}) =>
	fetch(`${baseUrl()}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, origin: baseUrl(), ...(init.headers ?? {}) } });

async function claim(token: string): Promise<JobTicket> {
	const res = await api(token, '/api/jobs/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workerId: 'e2e-forger' }) });
	expect(res.status).toBe(200);
	return ((await res.json()) as { job: JobTicket }).job;
}

function paintBlock(fits: Uint8Array): Uint8Array {
	const out = fits.slice();
	const view = new DataView(out.buffer);
	for (const hdu of readHdus(out).filter((h) => ['RED', 'GREEN', 'BLUE'].includes(h.header.string('EXTNAME') ?? ''))) {
		const width = hdu.header.number('NAXIS1')!;
		for (let y = 700; y < 1100; y++) for (let x = 300; x < 700; x++) view.setFloat32(hdu.dataOffset + 4 * (y * width + x), 50000);
	}
	return out;
}

describe('a forged stack', () => {
	it('from two accounts on one address is refused by the spot check; the job is not completed, the raws stay', async () => {
		const { cookie } = await observer();
		const { sessionId } = await uploadAndFinalize(cookie);
		await parkOtherJobs(sessionId);
		const [job] = await jobsOf(sessionId);
		const [first, second] = [await volunteerToken(), await volunteerToken()];

		const ticket = await claim(first);
		expect(ticket.id).toBe(job.id);
		const frames = [];
		for (const file of ticket.files) {
			const res = await api(first, `/api/jobs/${ticket.id}/files/${file.id}`, { headers: { 'x-lease-token': ticket.leaseToken } });
			expect(res.status).toBe(200);
			frames.push(bytesSource(file.name, new Uint8Array(await res.arrayBuffer())));
		}
		const pool = createLocalPool(loadKernel());
		const { fits, report } = await stackFrames(frames, pool, { catalog: diskCatalogSource('static/catalog') }).finally(() => pool.close());
		const forged = paintBlock(fits);
		const bands = await stackBandHashes(forged);

		for (const [token, held] of [[first, ticket], [second, null]] as const) {
			const lease = held ?? (await claim(token));
			expect(lease.id).toBe(job.id);
			const form = new FormData();
			form.set('stack', new Blob([forged as Uint8Array<ArrayBuffer>], { type: 'application/fits' }), 'stack.fits');
			form.set('report', JSON.stringify(report));
			form.set('cpuMs', '1000');
			form.set('bands', JSON.stringify(bands));
			const res = await api(token, `/api/jobs/${job.id}/complete`, { method: 'POST', body: form, headers: { 'x-lease-token': lease.leaseToken } });
			expect(res.status).toBe(422);
			expect(((await res.json()) as { message: string }).message).toMatch(/spot check found that band \d+ \(rows \d+\.\.\d+\) is not what the kernel makes/);
		}
		const [after] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, job.id));
		expect(after).toMatchObject({ status: 'pending', retryCount: 0 });
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id))).toHaveLength(0);
		const raws = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, sessionId));
		expect(raws.map((r) => r.isDeleted)).toEqual([0, 0, 0, 0, 0, 0]);
	});
});
