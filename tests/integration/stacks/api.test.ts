/**
 * The stacks API on a real M 94 stack (stacked once with the real kernel, taken in through the
 * completion endpoint) plus cheap stand-in rows: what intake records, filters and paging, the
 * detail with its report, byte-identical downloads, the preview, zip, share links, delete, and
 * refusals (another user's stack → 404 on every endpoint, a revoked token → 401).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { healpixRing, HEALPIX_NSIDE } from '$lib/chunks';
import { decodeToFloat32, readHdus, readImageHdu, scrubLocation } from '$lib/fits';
import { createApiToken, revokeApiToken } from '$lib/server/auth';
import { stackedFrames, users } from '$lib/server/db/schema';
import { stackStorage } from '$lib/server/storage';
import { GET as list } from '../../../src/routes/api/stacks/+server';
import { GET as summaries } from '../../../src/routes/api/stacks/summaries/+server';
import { GET as sky } from '../../../src/routes/api/sky/+server';
import { GET as detail, DELETE as remove } from '../../../src/routes/api/stacks/[id]/+server';
import { GET as fits } from '../../../src/routes/api/stacks/[id]/fits/+server';
import { GET as thumbnail } from '../../../src/routes/api/stacks/[id]/thumbnail/+server';
import { GET as preview } from '../../../src/routes/api/stacks/[id]/preview/+server';
import { POST as share, DELETE as unshare } from '../../../src/routes/api/stacks/[id]/share/+server';
import { POST as zip } from '../../../src/routes/api/stacks/zip/+server';
import { GET as sharedFits } from '../../../src/routes/s/[token]/fits/+server';
import { GET as sharedThumbnail } from '../../../src/routes/s/[token]/thumbnail/+server';
import { load as sharedPage } from '../../../src/routes/s/[token]/+page.server';
import { testDb, withDb } from '../../helpers/db';
import { call, sessionUser, type Who } from '../jobs/helpers';
import { withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';
import { fakeStack, readStored, realStack, type RealStack } from './helpers';

withDb();
withLocalRawStorage();
withLocalStackStorage();
const API = 'http://localhost/api/stacks';
let real: RealStack;
let other: Who;

beforeAll(async () => {
	real = await realStack();
	other = { user: await sessionUser() };
}, 300_000);

const get = (handler: Parameters<typeof call>[0], who: Who, url: string, params: Record<string, string> = {}) =>
	call(handler, who, new Request(url), params);
const idParams = (id: number) => ({ id: String(id) });
/** The event of GET /s/:token/fits (with its query, as SvelteKit gives it). */
const sharedAt = (token: string) => ({ params: { token }, url: new URL(`http://localhost/s/${token}/fits`) }) as never;
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

async function rowOf(id: number) {
	return (await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, id)))[0];
}

describe('a stack taken in by intake', () => {
	it('records the report next to the FITS and fills telescope, filter, healpix and source', async () => {
		const row = await rowOf(real.id);
		expect(row.reportPath).toMatch(/^user_\d+\/job_\d+\/.*\.json$/);
		expect(JSON.parse(Buffer.from(await readStored(row.reportPath!)).toString('utf8'))).toEqual(real.report);
		expect(row.telescope).toBe('S50_1d3fe189');
		expect(row.filterName).toBe('IRCUT');
		expect(row.healpix).toBe(healpixRing(HEALPIX_NSIDE, row.raDeg!, row.decDeg!));
		expect(row.source).toBe('crowd');
		expect(row.shareTokenHash).toBeNull();
	});

	it('GET /api/stacks/:id gives the detail with the parsed report and no storage paths', async () => {
		const response = await get(detail, real.owner, `${API}/${real.id}`, idParams(real.id));
		expect(response.status).toBe(200);
		const body = await response.json();
		const row = await rowOf(real.id);
		expect(body).toMatchObject({
			id: real.id,
			object: row.objectName,
			chunkKey: row.chunkKey,
			framesAligned: row.nFramesAligned,
			framesInput: 6,
			telescope: 'S50_1d3fe189',
			filter: 'IRCUT',
			thumbnailUrl: `/api/stacks/${real.id}/thumbnail`,
			fitsUrl: `/api/stacks/${real.id}/fits`,
			source: 'crowd',
			shared: false
		});
		expect(body.report).toEqual(real.report);
		expect(JSON.stringify(body)).not.toContain(row.storagePath);
	});
});

describe('downloads', () => {
	it('the FITS is the stored file byte for byte, named {object}_{chunk_key}.fits', async () => {
		const row = await rowOf(real.id);
		const response = await get(fits, real.owner, `${API}/${real.id}/fits`, idParams(real.id));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/fits');
		expect(response.headers.get('content-length')).toBe(String(real.fits.length));
		const expected = `${row.objectName!.replace(/ /g, '_')}_${row.chunkKey}.fits`;
		expect(expected).toMatch(/^M_?94_20250327\.23_/);
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${expected}"; filename*=UTF-8''${encodeURIComponent(expected)}`);
		expect(same(await bytesOf(response), real.fits)).toBe(true);
	});

	it('the thumbnail is the stored PNG', async () => {
		const row = await rowOf(real.id);
		const response = await get(thumbnail, real.owner, `${API}/${real.id}/thumbnail`, idParams(real.id));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		const png = await bytesOf(response);
		expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');
		expect(same(png, await readStored(row.thumbnailPath!))).toBe(true);
	});

	it('the preview is the linear planes, area-averaged to the fixed size that serves max, with the FITS mean kept', async () => {
		const response = await get(preview, real.owner, `${API}/${real.id}/preview?max=240`, idParams(real.id));
		expect(response.status).toBe(200);
		const body = await bytesOf(response);
		const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
		const [w, h] = [view.getUint32(0, true), view.getUint32(4, true)];
		expect([w, h]).toEqual([144, 256]); // max 240 is served at 256: 1080 x 1920 scaled by 256 / 1920
		expect(body.length).toBe(8 + 12 * w * h);
		const hdus = readHdus(real.fits);
		const red = decodeToFloat32(readImageHdu(real.fits, hdus.find((x) => x.header.string('EXTNAME') === 'RED')!));
		const meanOf = (values: ArrayLike<number>) => {
			let [sum, n] = [0, 0];
			for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) [sum, n] = [sum + values[i], n + 1];
			return sum / n;
		};
		const small = Array.from({ length: w * h }, (_, i) => view.getFloat32(8 + 4 * i, true));
		expect(meanOf(small) / meanOf(red)).toBeCloseTo(1, 2);
		expect((await get(preview, real.owner, `${API}/${real.id}/preview?max=4096`, idParams(real.id))).status).toBe(400);
	});
});

describe('lists and filters', () => {
	it('filters by object, dates, telescope, filter, RA/Dec box and HEALPix tile, and pages newest first', async () => {
		const owner = { user: await sessionUser() };
		const uid = owner.user!.id;
		const day = (d: number, h = 0) => new Date(Date.UTC(2025, 2, d, h));
		const ids = {
			m94: await fakeStack(uid, { object: 'M 94', start: day(1) }),
			m101: await fakeStack(uid, { object: 'M 101', start: day(2), ra: 210.8, dec: 54.3 }),
			ngc: await fakeStack(uid, { object: 'NGC 7023', start: day(3), ra: 315.4, dec: 68.2, telescope: 'S50_other', filter: 'LP' }),
			nearZero: await fakeStack(uid, { object: '100%_sure', start: day(4), ra: 359.5, dec: -5 }),
			unnamed: await fakeStack(uid, { object: null, start: day(5), ra: 0.5, dec: 10 })
		};
		const query = async (q: string, handler = summaries) => {
			const response = await get(handler, owner, `${API}/summaries?${q}`);
			expect(response.status, q).toBe(200);
			return ((await response.json()).items as { id: number }[]).map((s) => s.id);
		};
		expect(await query('')).toEqual([ids.unnamed, ids.nearZero, ids.ngc, ids.m101, ids.m94]);
		expect(await query('object=m 1')).toEqual([ids.m101]);
		expect(await query('object=m')).toEqual([ids.m101, ids.m94]);
		expect(await query('object=%25')).toEqual([ids.nearZero]); // a literal %, not a wildcard
		expect(await query('from=2025-03-02&to=2025-03-03T12:00:00Z')).toEqual([ids.ngc, ids.m101]);
		expect(await query('from=2025-03-01T00:00:30Z&to=2025-03-01T00:00:40Z')).toEqual([ids.m94]); // overlaps its minute
		expect(await query('telescope=S50_other')).toEqual([ids.ngc]);
		expect(await query('filter=IRCUT&telescope=S50_1d3fe189')).toEqual([ids.unnamed, ids.nearZero, ids.m101, ids.m94]);
		expect(await query('raMin=190&raMax=220&decMin=40&decMax=60')).toEqual([ids.m101, ids.m94]);
		expect(await query('raMin=359&raMax=1')).toEqual([ids.unnamed, ids.nearZero]); // across RA 0
		const pix = healpixRing(HEALPIX_NSIDE, 210.8, 54.3);
		const skyIds = async (q: string) => ((await (await get(sky, owner, `http://localhost/api/sky?${q}`)).json()).items as { id: number }[]).map((s) => s.id);
		expect(await skyIds(`healpix=${pix}&nside=128`)).toEqual([ids.m101]);
		expect(await skyIds(`healpix=${pix},${healpixRing(HEALPIX_NSIDE, 192.7, 41.1)}&from=2025-03-01&to=2025-03-01T23:59:59Z`)).toEqual([ids.m94]);
		expect(await skyIds(`healpix=${pix}&from=2025-03-03`)).toEqual([]);
		for (const bad of ['healpix=999999999', 'healpix=1&nside=64', 'from=yesterday', 'decMin=10&decMax=0', 'raMin=400']) {
			const response = await get(sky, owner, `http://localhost/api/sky?${bad}`);
			expect(response.status, bad).toBe(400);
			expect((await response.json()).message).toMatch(/\w/);
		}
		expect((await get(sky, owner, 'http://localhost/api/sky?from=2025-03-01')).status).toBe(400);

		const page = async (n: number) => (await get(list, owner, `${API}?page=${n}&pageSize=2&object=M`)).json();
		expect(await page(1)).toMatchObject({ total: 2, items: [{ id: ids.m101 }, { id: ids.m94 }] });
		const all = await (await get(list, owner, `${API}?pageSize=2&page=3`)).json();
		expect(all.total).toBe(5);
		expect(all.items.map((s: { id: number }) => s.id)).toEqual([ids.m94]);
		expect(all.items[0]).toEqual({
			id: ids.m94,
			object: 'M 94',
			ra: 192.7,
			dec: 41.1,
			start: '2025-03-01T00:00:00.000Z',
			end: '2025-03-01T00:01:00.000Z',
			exposure: 50,
			framesAligned: 5,
			framesInput: 6,
			telescope: 'S50_1d3fe189',
			filter: 'IRCUT',
			chunkKey: expect.any(String),
			thumbnailUrl: `/api/stacks/${ids.m94}/thumbnail`,
			footprint: null
		});
		expect((await get(list, owner, `${API}?pageSize=500`)).status).toBe(400);
		// Nobody else's stacks are listed: the real stack belongs to another user.
		expect(await query('object=M 94')).toEqual([ids.m94]);
	});

	it('an object filter that names a catalogued object also finds stacks centred within 0.7° of it: NGC 4736 finds the M 94 stack', async () => {
		const near = await fakeStack(real.ownerId, { object: 'unnamed field', ra: 193.3, dec: 41.3 }); // 0.47° away
		const out = await fakeStack(real.ownerId, { object: 'another field', ra: 192.72, dec: 42.0 }); // 0.88° away
		const far = await fakeStack(real.ownerId, { object: 'M 101', ra: 210.8, dec: 54.3 });
		const mine = [real.id, near, out, far];
		const query = async (q: string) => {
			const response = await get(summaries, real.owner, `${API}/summaries?object=${encodeURIComponent(q)}`);
			expect(response.status, q).toBe(200);
			return ((await response.json()).items as { id: number }[]).map((s) => s.id).filter((id) => mine.includes(id));
		};
		for (const q of ['NGC 4736', 'ngc4736', 'M94', 'm 94', 'Messier 94']) expect(await query(q), q).toEqual([near, real.id]);
		expect(await query('M 101')).toEqual([far]);
		expect(await query('NGC 4737')).toEqual([]); // not catalogued, and no stack is named so
	});

	it('a plate-solved stack is matched by its solved centre, not the commanded RA/DEC', async () => {
		// Commanded 0.88° from M 94 but solved onto it (an S30 pointing off by ~50′), and the reverse.
		const solvedOnto = await fakeStack(real.ownerId, { object: 'field a', ra: 192.72, dec: 42.0 });
		const solvedAway = await fakeStack(real.ownerId, { object: 'field b', ra: 193.3, dec: 41.3 });
		await testDb().update(stackedFrames).set({ plateSolved: 1, wcsRaDeg: 192.75, wcsDecDeg: 41.12 }).where(eq(stackedFrames.id, solvedOnto));
		await testDb().update(stackedFrames).set({ plateSolved: 1, wcsRaDeg: 194.5, wcsDecDeg: 41.3 }).where(eq(stackedFrames.id, solvedAway));
		const response = await get(summaries, real.owner, `${API}/summaries?object=NGC%204736`);
		const ids = ((await response.json()).items as { id: number }[]).map((s) => s.id);
		expect(ids).toContain(solvedOnto);
		expect(ids).not.toContain(solvedAway);
	});
});

describe('who may see a stack', () => {
	it('another user gets 404 on every endpoint, anonymous 401, nothing changes', async () => {
		const id = real.id;
		const p = idParams(id);
		const before = await rowOf(id);
		const answers = [
			await get(detail, other, `${API}/${id}`, p),
			await get(fits, other, `${API}/${id}/fits`, p),
			await get(thumbnail, other, `${API}/${id}/thumbnail`, p),
			await get(preview, other, `${API}/${id}/preview`, p),
			await call(share, other, new Request(`${API}/${id}/share`, { method: 'POST' }), p),
			await call(unshare, other, new Request(`${API}/${id}/share`, { method: 'DELETE' }), p),
			await call(remove, other, new Request(`${API}/${id}`, { method: 'DELETE' }), p),
			await call(zip, other, new Request(`${API}/zip`, { method: 'POST', body: JSON.stringify({ ids: [id] }) }))
		];
		for (const response of answers) {
			expect(response.status).toBe(404);
			expect((await response.json()).message).toMatch(/not found/);
		}
		for (const handler of [detail, fits, thumbnail, preview]) {
			const response = await get(handler, { user: null }, `${API}/${id}`, p);
			expect(response.status).toBe(401);
			expect((await response.json()).message).toMatch(/Bearer/);
		}
		expect((await get(detail, other, `${API}/abc`, { id: 'abc' })).status).toBe(404);
		expect(await rowOf(id)).toEqual(before);
	});

	it('an API token works like the session; a revoked one is 401 even beside a session', async () => {
		const created = await createApiToken(real.ownerId, 'script');
		if (!created.ok) throw new Error(created.message);
		const bearer = { user: null, bearer: created.token };
		expect((await get(detail, bearer, `${API}/${real.id}`, idParams(real.id))).status).toBe(200);
		const listed = await (await get(list, bearer, API)).json();
		expect(listed.items.map((s: { id: number }) => s.id)).toContain(real.id);
		await revokeApiToken(real.ownerId, created.summary.id);
		for (const who of [bearer, { user: real.owner.user, bearer: created.token }]) {
			const response = await get(fits, who, `${API}/${real.id}/fits`, idParams(real.id));
			expect(response.status).toBe(401);
			expect((await response.json()).message).toMatch(/\w/);
		}
	});
});

describe('zip of a selection', () => {
	it('streams a valid zip whose entries are the stored files, uniquely named', async () => {
		const twin = await fakeStack(real.ownerId, { object: 'M 94' });
		const twinRow = await rowOf(twin);
		const realRow = await rowOf(real.id);
		const response = await call(zip, real.owner, new Request(`${API}/zip`, { method: 'POST', body: JSON.stringify({ ids: [real.id, twin], png: true }) }));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		const dir = await mkdtemp(join(tmpdir(), 'crowdsky-zip-'));
		try {
			const path = join(dir, 'stacks.zip');
			await writeFile(path, await bytesOf(response));
			expect(execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' })).toMatch(/Done testing/);
			const names = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import sys,zipfile,json; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', path], { encoding: 'utf8' }));
			const base = (row: typeof realRow) => `${row.objectName!.replace(/ /g, '_')}_${row.chunkKey}`;
			expect(names).toEqual([`${base(realRow)}.fits`, `${base(realRow)}.png`, `${base(twinRow)}.fits`, `${base(twinRow)}.png`]);
			execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', path, join(dir, 'out')]);
			expect(same(await readFile(join(dir, 'out', names[0])), real.fits)).toBe(true);
			expect(same(await readFile(join(dir, 'out', names[1])), await readStored(realRow.thumbnailPath!))).toBe(true);
			expect(same(await readFile(join(dir, 'out', names[2])), await readStored(twinRow.storagePath))).toBe(true);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
		const foreign = await fakeStack(other.user!.id);
		const refused = await call(zip, real.owner, new Request(`${API}/zip`, { method: 'POST', body: JSON.stringify({ ids: [real.id, foreign] }) }));
		expect(refused.status).toBe(404);
		expect(refused.headers.get('content-type')).toMatch(/json/);
		expect((await call(zip, real.owner, new Request(`${API}/zip`, { method: 'POST', body: '{"ids":"all"}' }))).status).toBe(400);
	});
});

describe('share links', () => {
	it('opens the stack anonymously until revoked; a new link replaces the old one', async () => {
		const created = await call(share, real.owner, new Request(`${API}/${real.id}/share`, { method: 'POST' }), idParams(real.id));
		expect(created.status).toBe(200);
		const { url } = await created.json();
		const token = new URL(url).pathname.replace(/^\/s\//, '');
		expect(token).toMatch(/^[a-z2-7]{52}$/);
		expect((await rowOf(real.id)).shareTokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect((await rowOf(real.id)).shareTokenHash).not.toContain(token);

		const anonymous = await sharedFits(sharedAt(token));
		expect(anonymous.status).toBe(200);
		// The stored stack with the site blanked (the owner did not choose to publish it).
		const published = real.fits.slice();
		expect(scrubLocation(published).removed.sort()).toEqual(['SITELAT', 'SITELONG']);
		expect(same(await bytesOf(anonymous), published)).toBe(true);
		expect((await sharedThumbnail({ params: { token } } as never)).status).toBe(200);
		const page = (await sharedPage({ params: { token }, setHeaders: () => {} } as never)) as { stack: { id: number; fitsUrl: string; shared: boolean } };
		expect(page.stack).toMatchObject({ id: real.id, fitsUrl: `/s/${token}/fits`, shared: true });

		// Sharing again is refused unless the owner asks for a new link.
		const again = await call(share, real.owner, new Request(`${API}/${real.id}/share`, { method: 'POST', body: '{}' }), idParams(real.id));
		expect(again.status).toBe(409);
		expect((await again.json()).message).toContain('"replace": true');
		expect((await sharedFits(sharedAt(token))).status).toBe(200);
		const bad = await call(share, real.owner, new Request(`${API}/${real.id}/share`, { method: 'POST', body: '{"replace":"yes"}' }), idParams(real.id));
		expect(bad.status).toBe(400);

		const replacing = new Request(`${API}/${real.id}/share`, { method: 'POST', body: '{"replace":true}' });
		const rotated = await (await call(share, real.owner, replacing, idParams(real.id))).json();
		expect(rotated.url).not.toBe(url);
		// The old link says it was replaced (410), on every route it served.
		const old = await sharedFits(sharedAt(token));
		expect(old.status).toBe(410);
		expect((await old.json()).message).toMatch(/replaced this share link with a new one/);
		expect((await sharedThumbnail({ params: { token } } as never)).status).toBe(410);
		await expect(sharedPage({ params: { token }, setHeaders: () => {} } as never)).rejects.toMatchObject({
			status: 410,
			body: { message: expect.stringMatching(/replaced/) }
		});
		const newToken = new URL(rotated.url).pathname.slice(3);
		expect((await sharedFits(sharedAt(newToken))).status).toBe(200);
		expect((await call(unshare, real.owner, new Request(`${API}/${real.id}/share`, { method: 'DELETE' }), idParams(real.id))).status).toBe(200);
		const revoked = await sharedFits(sharedAt(newToken));
		expect(revoked.status).toBe(410);
		expect((await revoked.json()).message).toMatch(/revoked this share link/);
		expect((await sharedThumbnail({ params: { token: newToken } } as never)).status).toBe(410);
		await expect(sharedPage({ params: { token: newToken }, setHeaders: () => {} } as never)).rejects.toMatchObject({ status: 410 });
		// A link that never existed is a plain 404.
		const never = 'a'.repeat(52);
		expect((await sharedFits(sharedAt(never))).status).toBe(404);
		await expect(sharedPage({ params: { token: never }, setHeaders: () => {} } as never)).rejects.toMatchObject({ status: 404 });
	});
});

describe('delete', () => {
	it('removes the files and the row and takes their size off the storage use', async () => {
		const owner = { user: await sessionUser() };
		const uid = owner.user!.id;
		const fitsBytes = new Uint8Array(3 * 1048576).fill(7);
		const id = await fakeStack(uid, { fits: fitsBytes });
		const row = await rowOf(id);
		const pngSize = (await stackStorage().stat(row.thumbnailPath!))!.size;
		await testDb().update(users).set({ storageUsedMb: '10.00' }).where(eq(users.id, uid));
		const { url } = await (await call(share, owner, new Request(`${API}/${id}/share`, { method: 'POST' }), idParams(id))).json();
		const response = await call(remove, owner, new Request(`${API}/${id}`, { method: 'DELETE' }), idParams(id));
		expect(response.status).toBe(200);
		// Its share link says the stack was deleted.
		const visit = await sharedFits(sharedAt(new URL(url).pathname.slice(3)));
		expect(visit.status).toBe(410);
		expect((await visit.json()).message).toMatch(/deleted the stack/);
		expect(await rowOf(id)).toBeUndefined();
		expect(await stackStorage().stat(row.storagePath)).toBeNull();
		expect(await stackStorage().stat(row.thumbnailPath!)).toBeNull();
		const [user] = await testDb().select().from(users).where(eq(users.id, uid));
		expect(Number(user.storageUsedMb)).toBeCloseTo(10 - Math.round(((fitsBytes.length + pngSize) / 1048576) * 100) / 100, 2);
		expect((await call(remove, owner, new Request(`${API}/${id}`, { method: 'DELETE' }), idParams(id))).status).toBe(404);
	});
});
