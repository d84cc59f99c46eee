/**
 * Issue 11, finding 5 and the reports part of finding 6, played as written: what a volunteer
 * receives identifies nobody (no site or observer cards, no telescope serial, no file names), the
 * owner keeps the location, real telescope and frame names, a share link publishes neither the
 * location (unless the owner chose it) nor frame names, and a volunteer's oversized report is
 * refused and charged to nobody.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseHeader, setPrimaryCards } from '$lib/fits';
import { stackedFrames, users } from '$lib/server/db/schema';
import { createUploadSession, finalizeSession } from '$lib/server/uploads';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { GET as stackDetail } from '../../../src/routes/api/stacks/[id]/+server';
import { GET as ownFits } from '../../../src/routes/api/stacks/[id]/fits/+server';
import { POST as share } from '../../../src/routes/api/stacks/[id]/share/+server';
import { GET as sharedFits } from '../../../src/routes/s/[token]/fits/+server';
import { load as sharedPage } from '../../../src/routes/s/[token]/+page.server';
import { resetTables, testDb, withDb } from '../../helpers/db';
import { sha256Of, upload, withLocalRawStorage } from '../uploads/fixtures';
import { BASE, call, claimAs, downloadAs, jobRow, m94Frames, observerJob, runner, sessionUser, stackTicket, submission, type Who } from '../jobs/helpers';
import { realStack } from '../stacks/helpers';

withDb();
withLocalRawStorage();
let stackDir: string;
beforeAll(async () => {
	stackDir = await mkdtemp(join(tmpdir(), 'crowdsky-privacy-'));
	process.env.STACK_STORAGE = stackDir;
});
afterAll(async () => {
	delete process.env.STACK_STORAGE;
	await rm(stackDir, { recursive: true, force: true });
});
beforeEach(resetTables);

const SERIAL = 'S50_1d3fe189';
/** Cards that place or name the observer, as Seestars and desktop capture software write them. */
const IDENTIFYING = ['SITELAT', 'SITELONG', 'SITEELEV', 'SITENAME', 'OBSERVER', 'OBSERVAT', 'OBSGEO-B', 'OBSGEO-L'];
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const API = 'http://localhost/api/stacks';
const idParams = (id: number) => ({ id: String(id) });

/** The M 94 frames as capture software that signs them writes them: observer and site named too. */
async function signedFrames() {
	return (await m94Frames()).map((f) => ({
		...f,
		bytes: setPrimaryCards(f.bytes, [
			{ key: 'OBSERVER', value: 'Jane Stargazer' },
			{ key: 'SITENAME', value: 'Jane Backyard Obs' },
			{ key: 'SITEELEV', value: 412 }
		])
	}));
}

describe('frames sent to volunteers', () => {
	it('carry no site or observer card, a per-job pseudonym for the telescope serial, names made from ids', async () => {
		const owner = await sessionUser();
		const frames = await signedFrames();
		// Two nights' uploads by one observer: two jobs that must not be linkable by the telescope.
		for (const part of [frames.slice(0, 3), frames.slice(3)]) {
			const { token } = await createUploadSession(owner.id);
			for (const frame of part) await upload(owner.id, token, frame.name, frame.bytes);
			expect((await finalizeSession(owner.id, token)).jobs).toHaveLength(1);
		}
		const volunteer = await runner();
		const pseudonyms: string[] = [];
		for (const ticket of [(await claimAs(volunteer))!, (await claimAs(volunteer))!]) {
			expect(JSON.stringify(ticket)).not.toContain(SERIAL);
			const telescopes = new Set<string | undefined>();
			for (const file of ticket.files) {
				expect(frames.map((f) => f.name)).not.toContain(file.name);
				expect(file.name).not.toMatch(/Light|M 94|2025|0145\d\d/);
				const response = await downloadAs(volunteer, ticket, file.id);
				expect(response.status).toBe(200);
				expect(response.headers.get('content-disposition') ?? '').not.toMatch(/Light|2025/);
				const bytes = new Uint8Array(await response.arrayBuffer());
				expect(sha256Of(bytes)).toBe(file.sha256);
				expect(bytes.length).toBe(file.size);
				const { header, end } = parseHeader(bytes);
				for (const key of IDENTIFYING) expect(header.has(key), key).toBe(false);
				expect(text(bytes.subarray(0, end))).not.toMatch(/1d3fe189|Jane|32\.8965|-79\.7625/);
				// The kernel still sees one telescope per job (and copies it into the stack).
				expect(header.string('TELESCOP')).toMatch(/\S/);
				telescopes.add(header.string('TELESCOP'));
				expect(header.string('DATE-OBS')).toMatch(/^2025-03-27T05:4/);
			}
			expect(telescopes.size).toBe(1);
			pseudonyms.push([...telescopes][0]!);
		}
		expect(pseudonyms[0]).not.toBe(pseudonyms[1]);
	});
});

describe('the owner and a share link', () => {
	it('the owner keeps location, telescope and frame names; the share link publishes none unless chosen', async () => {
		const real = await realStack();
		const originals = (await m94Frames()).map((f) => f.name);

		const detail = await (await call(stackDetail, real.owner, new Request(`${API}/${real.id}`), idParams(real.id))).json();
		const report = detail.report as { reference: string; frames: { file: string }[] };
		expect(report.frames.map((f) => f.file).sort()).toEqual([...originals].sort());
		expect(originals).toContain(report.reference);

		const own = new Uint8Array(await (await call(ownFits, real.owner, new Request(`${API}/${real.id}/fits`), idParams(real.id))).arrayBuffer());
		const ownHeader = parseHeader(own).header;
		expect(ownHeader.number('SITELAT')).toBeCloseTo(32.8965, 4);
		expect(ownHeader.number('SITELONG')).toBeCloseTo(-79.7625, 4);
		expect(ownHeader.string('TELESCOP')).toBe(SERIAL);

		const created = await call(share, real.owner, new Request(`${API}/${real.id}/share`, { method: 'POST' }), idParams(real.id));
		const token = new URL((await created.json()).url).pathname.split('/').pop()!;
		const response = await sharedFits({ params: { token }, url: new URL(`http://localhost/s/${token}/fits`) } as never);
		expect(response.status).toBe(200);
		const shared = new Uint8Array(await response.arrayBuffer());
		expect(response.headers.get('content-length')).toBe(String(shared.length));
		const { header, end } = parseHeader(shared);
		expect(header.has('SITELAT')).toBe(false);
		expect(header.has('SITELONG')).toBe(false);
		expect(text(shared.subarray(0, end))).not.toMatch(/32\.8965|-79\.7625/);
		expect(Buffer.from(shared.subarray(end)).equals(Buffer.from(own.subarray(end)))).toBe(true);

		const page = JSON.stringify(await sharedPage({ params: { token }, setHeaders: () => {} } as never));
		for (const name of originals) expect(page).not.toContain(name);
		expect(page).not.toMatch(/Light_|\.fit"/);

		// The owner may choose to publish the site with the stack (a new link: one exists).
		const withSite = await call(
			share,
			real.owner,
			new Request(`${API}/${real.id}/share`, { method: 'POST', body: JSON.stringify({ location: true, replace: true }), headers: { 'content-type': 'application/json' } }),
			idParams(real.id)
		);
		const siteToken = new URL((await withSite.json()).url).pathname.split('/').pop()!;
		const published = new Uint8Array(await (await sharedFits({ params: { token: siteToken }, url: new URL(`http://localhost/s/${siteToken}/fits`) } as never)).arrayBuffer());
		expect(parseHeader(published).header.number('SITELAT')).toBeCloseTo(32.8965, 4);
	}, 120_000);
});

describe("a volunteer's report", () => {
	it('over 1 MB is refused with 413 before anything is stored or charged; the lease stays', async () => {
		const { owner, jobId } = await observerJob('free');
		const volunteer: Who = await runner(true);
		const ticket = (await claimAs(volunteer))!;
		expect(ticket.id).toBe(jobId);
		const { fits, report } = await stackTicket(volunteer, ticket);
		const padded = { ...report, notes: 'x'.repeat(2 * 1024 * 1024) };
		const used = async () => Number((await testDb().select({ mb: users.storageUsedMb }).from(users).where(eq(users.id, owner.id)))[0].mb);
		const rawsCharged = await used();
		const send = (body: unknown) =>
			call(complete, volunteer, submission(fits, body, 1000, ticket.leaseToken)(`${BASE}/${ticket.id}/complete`), { id: String(ticket.id) });

		const refused = await send(padded);
		expect(refused.status).toBe(413);
		expect((await refused.json()).message).toMatch(/report is 2.0 MB; at most 1.0 MB/);
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
		// The raws are charged since they were stored; the refused report adds nothing.
		expect(await used()).toBe(rawsCharged);
		expect(await jobRow(jobId)).toMatchObject({ status: 'processing', retryCount: 0 });

		expect((await send(report)).status).toBe(200);
		expect(await testDb().select().from(stackedFrames)).toHaveLength(1);
	}, 120_000);
});
