/**
 * The stack's picture on the server: intake makes and stores it beside the real M 94 stack (and the
 * thumbnail from it), GET /api/stacks/:id/picture serves it as a 16-bit PNG download with the
 * FITS route's access checks, a stack stored before pictures gets one on its first request, and
 * deleting the stack removes it.
 */
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackedFrames } from '$lib/server/db/schema';
import { picturePath, stackStorage } from '$lib/server/storage';
import { DELETE as remove } from '../../../src/routes/api/stacks/[id]/+server';
import { GET as picture } from '../../../src/routes/api/stacks/[id]/picture/+server';
import { POST as share } from '../../../src/routes/api/stacks/[id]/share/+server';
import { GET as sharedPicture } from '../../../src/routes/s/[token]/picture/+server';
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

const get = (who: Who, id: number, query = '') => call(picture, who, new Request(`${API}/${id}/picture${query}`), { id: String(id) });
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const rowOf = async (id: number) => (await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, id)))[0];
/** Bit depth, colour type and size from a PNG's IHDR. */
const ihdr = (png: Uint8Array) => {
	const view = new DataView(png.buffer, png.byteOffset);
	return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: png[24], colourType: png[25] };
};

describe('the picture of a stack taken in by intake', () => {
	it('is stored beside the FITS and served as a 16-bit RGB PNG download named after the stack', async () => {
		const row = await rowOf(real.id);
		const stored = await readStored(picturePath(row.storagePath));
		const response = await get(real.owner, real.id);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		const name = `M_94_${row.chunkKey}-picture.png`;
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
		const png = await bytesOf(response);
		expect(same(png, stored)).toBe(true);
		const head = ihdr(png);
		expect(head).toMatchObject({ bitDepth: 16, colourType: 2 });
		// Cropped to where half the 6 frames cover: most of the 1080 x 1920 frame, not all of it.
		expect(head.width).toBeLessThanOrEqual(1080);
		expect(head.height).toBeLessThanOrEqual(1920);
		expect(head.width * head.height).toBeGreaterThan(0.7 * 1080 * 1920);
		const decoded = PNG.sync.read(Buffer.from(png), { skipRescale: true });
		expect([decoded.width, decoded.height]).toEqual([head.width, head.height]);
	});

	it('the thumbnail is made from the picture: its crop, 512 px on the longer side', async () => {
		const row = await rowOf(real.id);
		const full = ihdr(await readStored(picturePath(row.storagePath)));
		const thumb = ihdr(await readStored(row.thumbnailPath!));
		expect(thumb.height).toBe(512);
		expect(thumb.width).toBe(Math.round((full.width * 512) / full.height));
	});

	it('another user gets 404 and anonymous 401', async () => {
		const notFound = await get(other, real.id);
		expect(notFound.status).toBe(404);
		expect((await notFound.json()).message).toMatch(/not found/);
		expect((await get({ user: null }, real.id)).status).toBe(401);
	});
});

/** Width and height from a baseline JPEG's SOF0 segment. */
function jpegSize(jpeg: Uint8Array): { width: number; height: number } {
	for (let i = 2; i + 9 < jpeg.length; ) {
		if (jpeg[i] !== 0xff) throw new Error(`no JPEG marker at ${i}`);
		const marker = jpeg[i + 1];
		const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
		if (marker === 0xc0) return { height: (jpeg[i + 5] << 8) | jpeg[i + 6], width: (jpeg[i + 7] << 8) | jpeg[i + 8] };
		i += 2 + length;
	}
	throw new Error('no SOF0 segment');
}

describe('the picture as JPEG and on a share link', () => {
	it('?format=jpeg gives a baseline JPEG of the same size, named -picture.jpg; an unknown format is a 400', async () => {
		const row = await rowOf(real.id);
		const full = ihdr(await readStored(picturePath(row.storagePath)));
		const response = await get(real.owner, real.id, '?format=jpeg');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		expect(response.headers.get('content-disposition')).toContain(`M_94_${row.chunkKey}-picture.jpg`);
		const jpeg = await bytesOf(response);
		expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
		expect(jpegSize(jpeg)).toEqual({ width: full.width, height: full.height });
		expect(Number(response.headers.get('content-length'))).toBe(jpeg.length);
		// A second answer is the same bytes (kept, not made again differently).
		expect(same(await bytesOf(await get(real.owner, real.id, '?format=jpeg')), jpeg)).toBe(true);
		const bad = await get(real.owner, real.id, '?format=tiff');
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toMatch(/png .* or jpeg/);
	});

	it('a share link gives the same picture anonymously; a link that does not exist is a 404', async () => {
		const created = await call(share, real.owner, new Request(`${API}/${real.id}/share`, { method: 'POST' }), { id: String(real.id) });
		const token = new URL((await created.json()).url).pathname.slice(3);
		const event = (t: string, query = '') => ({ params: { token: t }, url: new URL(`http://localhost/s/${t}/picture${query}`) }) as never;
		const owned = await bytesOf(await get(real.owner, real.id));
		const shared = await sharedPicture(event(token));
		expect(shared.status).toBe(200);
		expect(same(await bytesOf(shared), owned)).toBe(true);
		expect((await sharedPicture(event(token, '?format=jpeg'))).headers.get('content-type')).toBe('image/jpeg');
		expect((await sharedPicture(event(token, '?format=gif'))).status).toBe(400);
		expect((await sharedPicture(event(`${token.slice(0, -2)}xx`))).status).toBe(404);
	});
});

describe('a stack stored before pictures', () => {
	it('gets its picture made and stored on the first request, the same bytes after', async () => {
		const id = await fakeStack(real.ownerId, { fits: real.fits });
		const path = picturePath((await rowOf(id)).storagePath);
		expect(await stackStorage().stat(path)).toBeNull();
		const first = await get(real.owner, id);
		expect(first.status).toBe(200);
		const made = await bytesOf(first);
		expect(same(made, await readStored(path))).toBe(true);
		expect(same(await bytesOf(await get(real.owner, id)), made)).toBe(true);
		// The same stack gives the same picture as intake made: it is deterministic.
		expect(same(made, await readStored(picturePath((await rowOf(real.id)).storagePath)))).toBe(true);
	});

	it('deleting the stack removes its picture', async () => {
		const id = await fakeStack(real.ownerId, { fits: real.fits });
		expect((await get(real.owner, id)).status).toBe(200);
		const path = picturePath((await rowOf(id)).storagePath);
		expect(await stackStorage().stat(path)).not.toBeNull();
		const response = await call(remove, real.owner, new Request(`${API}/${id}`, { method: 'DELETE' }), { id: String(id) });
		expect(response.status).toBe(200);
		expect(await stackStorage().stat(path)).toBeNull();
	});
});
