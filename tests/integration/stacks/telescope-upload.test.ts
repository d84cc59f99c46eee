/**
 * POST /api/stacks: stacks made on the telescope join the catalogue. A CrowdSky-layout stack and a
 * Seestar-style 3-plane cube are taken in (rows, files, storage use, list and sky queries); the
 * location is blanked on request; a PNG, a truncated FITS and a raw camera frame are refused.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { healpixRing, HEALPIX_NSIDE } from '$lib/chunks';
import { parseHeader, setPrimaryCards, writeFits, type Card } from '$lib/fits';
import { solutionCards } from '$lib/solve';
import { stackedFrames, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { stackStorage } from '$lib/server/storage';
import { GET as list, POST as upload } from '../../../src/routes/api/stacks/+server';
import { GET as sky } from '../../../src/routes/api/sky/+server';
import { DELETE as remove } from '../../../src/routes/api/stacks/[id]/+server';
import { GET as preview } from '../../../src/routes/api/stacks/[id]/preview/+server';
import { testDb, withDb } from '../../helpers/db';
import { call, m94Frames, sessionUser, type Who } from '../jobs/helpers';
import { fitsHeader, withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';
import { readStored } from './helpers';

withDb();
withLocalRawStorage();
withLocalStackStorage();
const API = 'http://localhost/api/stacks';

const [W, H] = [64, 48];

function ramp(scale: number): Float32Array {
	return Float32Array.from({ length: W * H }, (_, i) => 100 + scale * (i % W) + (i % 7));
}

/** A small stack in CrowdSky's layout: empty PRIMARY with the header, RED/GREEN/BLUE float32. */
function crowdskyLayoutStack({ nimages = 40, obstotal = 42 } = {}): Uint8Array {
	const cards: Card[] = [
		{ key: 'OBJECT', value: 'M 51' },
		{ key: 'RA', value: 202.47 },
		{ key: 'DEC', value: 47.2 },
		{ key: 'NIMAGES', value: nimages },
		{ key: 'OBSTOTAL', value: obstotal },
		{ key: 'EXPTIME', value: 400 },
		{ key: 'OB-START', value: '2025-04-02T21:00:05' },
		{ key: 'OB-END', value: '2025-04-02T21:14:55' },
		{ key: 'TELESCOP', value: 'S50_abc' },
		{ key: 'FILTER', value: 'LP' }
	];
	return writeFits([
		{ kind: 'primary', cards },
		...(['RED', 'GREEN', 'BLUE'] as const).map((name, c) => ({ kind: 'image' as const, name, bitpix: -32 as const, width: W, height: H, data: ramp(c + 1), cards: [] }))
	]);
}

/** A Seestar on-device stack: one PRIMARY cube of 3 unsigned 16-bit planes, sub exposure and count. */
function seestarCube(): Uint8Array {
	const header = fitsHeader({
		SIMPLE: true,
		BITPIX: 16,
		NAXIS: 3,
		NAXIS1: W,
		NAXIS2: H,
		NAXIS3: 3,
		BZERO: 32768,
		OBJECT: 'NGC 7023',
		RA: 315.4,
		DEC: 68.17,
		'DATE-OBS': '2024-07-31T23:10:00.5',
		EXPTIME: 10,
		STACKCNT: 12,
		TELESCOP: 'S50_xyz',
		FILTER: 'IRCUT',
		SITELAT: 48.1234,
		SITELONG: 11.5678
	});
	const planeBytes = W * H * 2;
	const data = new Uint8Array(Math.ceil((3 * planeBytes) / 2880) * 2880);
	const view = new DataView(data.buffer);
	for (let c = 0; c < 3; c++) for (let i = 0; i < W * H; i++) view.setInt16(c * planeBytes + 2 * i, 1000 * (c + 1) - 32768, false);
	const out = new Uint8Array(header.length + data.length);
	out.set(header);
	out.set(data, header.length);
	return out;
}

function post(who: Who, stack: Uint8Array | null, meta?: unknown, name = 'stack.fits') {
	const form = new FormData();
	if (stack) form.set('stack', new Blob([stack as Uint8Array<ArrayBuffer>]), name);
	if (meta !== undefined) form.set('meta', typeof meta === 'string' ? meta : JSON.stringify(meta));
	return call(upload, who, new Request(API, { method: 'POST', body: form }));
}

async function rowOf(id: number) {
	return (await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, id)))[0];
}

describe('POST /api/stacks', () => {
	it('takes a CrowdSky-layout stack in: rows, files, storage use; it appears in the list and the sky', async () => {
		const who = { user: await sessionUser() };
		const fits = crowdskyLayoutStack();
		const response = await post(who, fits);
		expect(response.status).toBe(201);
		const { id } = await response.json();
		const row = await rowOf(id);
		expect(row).toMatchObject({
			userId: who.user!.id,
			objectName: 'M 51',
			raDeg: 202.47,
			decDeg: 47.2,
			nFramesAligned: 40,
			nFramesInput: 42,
			totalExptime: 400,
			telescope: 'S50_abc',
			filterName: 'LP',
			source: 'telescope',
			healpix: healpixRing(HEALPIX_NSIDE, 202.47, 47.2),
			chunkKey: '20250402.84_202.5_+47.2'
		});
		expect(row.dateObsStart!.toISOString()).toBe('2025-04-02T21:00:05.000Z');
		expect(row.dateObsEnd!.toISOString()).toBe('2025-04-02T21:14:55.000Z');
		// Stored as uploaded but for the solver's verdict: a ramp has no stars to solve by.
		const stored = await readStored(row.storagePath);
		const reason = parseHeader(stored).header.string('PLTREASN')!;
		expect(row).toMatchObject({ plateSolved: 0, solveReason: expect.stringContaining(reason), fileSizeBytes: stored.length });
		expect(Buffer.compare(Buffer.from(stored), Buffer.from(setPrimaryCards(fits, solutionCards({ solved: false, reason }))))).toBe(0);
		const png = await readStored(row.thumbnailPath!);
		expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');

		// A stack without a job: no stand-in upload session or job, so the Status page lists no upload.
		expect(row.stackingJobId).toBeNull();
		expect(await testDb().select().from(stackingJobs).where(eq(stackingJobs.userId, who.user!.id))).toEqual([]);
		expect(await testDb().select().from(uploadSessions).where(eq(uploadSessions.userId, who.user!.id))).toEqual([]);
		const [user] = await testDb().select().from(users).where(eq(users.id, who.user!.id));
		expect(Number(user.storageUsedMb)).toBeCloseTo(Math.round(((stored.length + png.length) / 1048576) * 100) / 100, 2);

		const listed = await (await call(list, who, new Request(`${API}?object=m 51`))).json();
		expect(listed.items.map((s: { id: number }) => s.id)).toEqual([id]);
		const inSky = await (await call(sky, who, new Request(`http://localhost/api/sky?healpix=${row.healpix}&from=2025-04-02&to=2025-04-03`))).json();
		expect(inSky.items.map((s: { id: number }) => s.id)).toEqual([id]);

		const deleted = await call(remove, who, new Request(`${API}/${id}`, { method: 'DELETE' }), { id: String(id) });
		expect(deleted.status).toBe(200);
		expect(await rowOf(id)).toBeUndefined();
		expect(await stackStorage().list(`user_${who.user!.id}/telescope`)).toEqual([]);
		const [after] = await testDb().select().from(users).where(eq(users.id, who.user!.id));
		expect(Number(after.storageUsedMb)).toBe(0);
	});

	it('takes a Seestar 3-plane cube: exposure = EXPTIME x STACKCNT, location blanked on request, planes read in order', async () => {
		const who = { user: await sessionUser() };
		const response = await post(who, seestarCube(), { object: 'Iris Nebula', scrubLocation: true });
		expect(response.status).toBe(201);
		const { id } = await response.json();
		const row = await rowOf(id);
		expect(row).toMatchObject({ objectName: 'Iris Nebula', nFramesAligned: 12, totalExptime: 120, telescope: 'S50_xyz', filterName: 'IRCUT' });
		expect(row.dateObsEnd!.getTime() - row.dateObsStart!.getTime()).toBe(120_000);
		const stored = await readStored(row.storagePath);
		const { header } = parseHeader(stored);
		expect(header.has('SITELAT')).toBe(false);
		expect(header.has('SITELONG')).toBe(false);
		expect(Buffer.from(stored).toString('latin1')).not.toMatch(/48\.1234|11\.5678/);
		expect(stored.length).toBe(seestarCube().length);

		const body = new Uint8Array(await (await call(preview, who, new Request(`${API}/${id}/preview?max=32`), { id: String(id) })).arrayBuffer());
		const view = new DataView(body.buffer);
		const [w, h] = [view.getUint32(0, true), view.getUint32(4, true)];
		expect([w, h]).toEqual([64, 48]); // max 32 is served at 256, and a preview never enlarges
		expect([0, 1, 2].map((c) => view.getFloat32(8 + 4 * c * w * h, true))).toEqual([1000, 2000, 3000]);
	});

	it('takes the FITS as the raw body too (what curl sends without an Origin), options in the query', async () => {
		const who = { user: await sessionUser() };
		const raw = (body: Uint8Array, query: string, type = 'application/fits') =>
			call(upload, who, new Request(`${API}?${query}`, { method: 'POST', body: body as Uint8Array<ArrayBuffer>, headers: { 'content-type': type } }));
		const response = await raw(seestarCube(), 'object=Iris&scrubLocation=1');
		expect(response.status).toBe(201);
		const row = await rowOf((await response.json()).id);
		expect(row.objectName).toBe('Iris');
		expect(parseHeader(await readStored(row.storagePath)).header.has('SITELAT')).toBe(false);
		const bad = await raw(seestarCube(), 'scrubLocation=maybe', 'application/octet-stream');
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toMatch(/scrubLocation "maybe"/);
		expect((await raw(new Uint8Array(), '')).status).toBe(400);
	});

	it('keeps the location unless asked to blank it', async () => {
		const who = { user: await sessionUser() };
		const { id } = await (await post(who, seestarCube())).json();
		const { header } = parseHeader(await readStored((await rowOf(id)).storagePath));
		expect(header.number('SITELAT')).toBeCloseTo(48.1234, 4);
	});

	it('refuses a stack that would take its owner over the storage quota, before storing it', async () => {
		const who = { user: await sessionUser() };
		await testDb().update(users).set({ storageUsedMb: '499.99' }).where(eq(users.id, who.user!.id));
		const response = await post(who, seestarCube());
		expect(response.status).toBe(413);
		expect((await response.json()).message).toMatch(/^This stack needs .* MB; you use 500 MB of your 500 MB, so it would bring you to 500 MB/);
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, who.user!.id))).toEqual([]);
		expect(await stackStorage().list(`user_${who.user!.id}`)).toEqual([]);
	});

	it('refuses what is not a stack, with a message, storing nothing', async () => {
		const who = { user: await sessionUser() };
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(100).fill(0)]);
		const cases: [Uint8Array | null, unknown, number, RegExp][] = [
			[png, undefined, 422, /not a readable FITS file/],
			[crowdskyLayoutStack().subarray(0, 2880 * 3), undefined, 422, /FITS/],
			[(await m94Frames())[0].bytes, undefined, 422, /single raw camera frame/],
			[null, undefined, 400, /"stack"/],
			[seestarCube(), '{"scrubLocation":"yes"}', 400, /meta/],
			[seestarCube(), 'not json', 400, /meta/],
			// Frame counts go to INT UNSIGNED columns: beyond them is the sender's mistake, not a 500.
			[crowdskyLayoutStack({ nimages: 2 ** 33 }), undefined, 400, /^NIMAGES 8589934592 must be a whole number from 1 to 4294967295/],
			[crowdskyLayoutStack({ obstotal: 2 ** 32 }), undefined, 400, /^OBSTOTAL 4294967296 must be a whole number from 40 to 4294967295/]
		];
		for (const [bytes, meta, status, message] of cases) {
			const response = await post(who, bytes, meta);
			expect(response.status, String(message)).toBe(status);
			expect((await response.json()).message).toMatch(message);
		}
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, who.user!.id))).toEqual([]);
		expect(await testDb().select().from(uploadSessions).where(eq(uploadSessions.userId, who.user!.id))).toEqual([]);
		expect(await stackStorage().list(`user_${who.user!.id}`)).toEqual([]);
		expect((await call(upload, { user: null }, new Request(API, { method: 'POST', body: new FormData() }))).status).toBe(401);
	});
});
