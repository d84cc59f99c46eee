/**
 * Downloads are proxied from a real WebDAV stack store: the FITS arrives byte-identical, named,
 * and nothing in the answer gives away the store's address or credentials.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
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
