/**
 * Downloads are proxied from a real WebDAV stack store: the FITS arrives byte-identical, named,
 * and nothing in the answer gives away the store's address or credentials; the RGB cube, read
 * from the store by range, carries the stored planes exactly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFits } from '$lib/fits';
import { readStackPlanes } from '$lib/server/stacks';
import { GET as fits } from '../../../src/routes/api/stacks/[id]/fits/+server';
import { withDb } from '../../helpers/db';
import { startWebdavServer, type WebdavServer } from '../../helpers/webdav';
import { call, sessionUser } from '../jobs/helpers';
import { fakeStack } from './helpers';

withDb();
let webdav: WebdavServer;

beforeAll(async () => {
	webdav = await startWebdavServer();
	process.env.STACK_STORAGE = webdav.url;
	process.env.WEBDAV_USERNAME = webdav.username;
	process.env.WEBDAV_PASSWORD = webdav.password;
});
afterAll(async () => {
	delete process.env.STACK_STORAGE;
	delete process.env.WEBDAV_USERNAME;
	delete process.env.WEBDAV_PASSWORD;
	await webdav.stop();
});

it('streams the stored FITS from WebDAV byte for byte, without storage details', async () => {
	const owner = { user: await sessionUser() };
	const bytes = new Uint8Array(5 * 1048576 + 123);
	for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
	const id = await fakeStack(owner.user!.id, { object: 'Ωmega Cen', fits: bytes });
	const response = await call(fits, owner, new Request(`http://localhost/api/stacks/${id}/fits`), { id: String(id) });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-length')).toBe(String(bytes.length));
	const disposition = response.headers.get('content-disposition')!;
	expect(disposition).toMatch(/^attachment; filename="mega_Cen_20250327\.\d+_192\.7_\+41\.1\.fits"; filename\*=UTF-8''%CE%A9mega_Cen_/);
	const body = new Uint8Array(await response.arrayBuffer());
	expect(Buffer.compare(Buffer.from(body), Buffer.from(bytes))).toBe(0);
	const headers = JSON.stringify([...response.headers]);
	for (const secret of [webdav.url, webdav.username, webdav.password, String(new URL(webdav.url).port)]) expect(headers).not.toContain(secret);
});

it('makes the RGB cube from WebDAV by ranges, planes exact (each more than one range)', async () => {
	const owner = { user: await sessionUser() };
	const [width, height] = [701, 503]; // 1.4 MB a plane: two ranges, the last one short
	const plane = (c: number) => Float32Array.from({ length: width * height }, (_, i) => (i % 7 === 3 ? NaN : c * 1e4 + i / 3));
	const stored = writeFits([
		{ kind: 'primary', cards: [{ key: 'OBJECT', value: 'M 94' }] },
		...['RED', 'GREEN', 'BLUE'].map((name, c) => ({ kind: 'image' as const, name, bitpix: -32 as const, width, height, data: plane(c), cards: [] }))
	]);
	const id = await fakeStack(owner.user!.id, { fits: stored });
	const response = await call(fits, owner, new Request(`http://localhost/api/stacks/${id}/fits?layout=cube`), { id: String(id) });
	expect(response.status).toBe(200);
	const body = new Uint8Array(await response.arrayBuffer());
	expect(response.headers.get('content-length')).toBe(String(body.length));
	const cube = readStackPlanes(body);
	const original = readStackPlanes(stored);
	const bytes = (p: Float32Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength);
	for (const c of ['r', 'g', 'b'] as const) expect(bytes(cube[c]).equals(bytes(original[c]))).toBe(true);
});
