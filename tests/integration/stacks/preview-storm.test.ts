/**
 * A storm of previews (issue 11, finding 6): requests for one stack share one decode whatever
 * their `max`, are served at a few fixed sizes, and decodes beyond the gate's queue are refused
 * with 503 and Retry-After instead of all holding a whole stack in memory at once.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeToFloat32, readHdus, readImageHdu, writeFits } from '$lib/fits';
import { PREVIEW_DECODES, PREVIEW_QUEUE } from '$lib/server/stacks/preview';
import { previewSide } from '$lib/server/stacks';
import { stackStorage } from '$lib/server/storage';
import { GET as preview } from '../../../src/routes/api/stacks/[id]/preview/+server';
import { withDb } from '../../helpers/db';
import { call, sessionUser, type Who } from '../jobs/helpers';
import { realFrames, withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';
import { fakeStack } from './helpers';

withDb();
withLocalRawStorage();
withLocalStackStorage();

let owner: Who;
/** A full-size stack in CrowdSky's layout whose planes are a real M 94 frame's pixels (1080 x 1920). */
let fullSize: Uint8Array;

function crowdskyStack(width: number, height: number, plane: Float32Array): Uint8Array {
	return writeFits([
		{ kind: 'primary', cards: [{ key: 'OBJECT', value: 'M 94' }] },
		...(['RED', 'GREEN', 'BLUE'] as const).map((name) => ({ kind: 'image' as const, name, bitpix: -32 as const, width, height, data: plane, cards: [] }))
	]);
}

beforeAll(async () => {
	owner = { user: await sessionUser() };
	const [{ bytes: raw }] = await realFrames('M94_set2_20250327');
	const image = readImageHdu(raw, readHdus(raw)[0], 'PRIMARY');
	fullSize = crowdskyStack(image.width, image.height, decodeToFloat32(image));
});

afterEach(() => vi.restoreAllMocks());

const ask = async (id: number, max: number): Promise<Response> =>
	call(preview, owner, new Request(`http://localhost/api/stacks/${id}/preview?max=${max}`), { id: String(id) });

async function sizeOf(response: Response): Promise<[number, number, number]> {
	const body = new Uint8Array(await response.arrayBuffer());
	const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
	return [view.getUint32(0, true), view.getUint32(4, true), body.length];
}

/** What a preview of the 1080 x 1920 stack at the fixed size serving `max` measures. */
function expected(max: number): [number, number, number] {
	const s = Math.min(1, previewSide(max) / 1920);
	const [w, h] = [Math.round(1080 * s), Math.round(1920 * s)];
	return [w, h, 8 + 12 * w * h];
}

describe('a preview storm on one stack', () => {
	it('40 concurrent previews with max 2009…2048 read and decode the FITS once and all answer the full size', async () => {
		const id = await fakeStack(owner.user!.id, { fits: fullSize });
		const reads = vi.spyOn(stackStorage(), 'read');
		const maxes = Array.from({ length: 40 }, (_, i) => 2009 + i);
		const responses = await Promise.all(maxes.map((max) => ask(id, max)));
		expect(responses.map((r) => r.status)).toEqual(maxes.map(() => 200));
		const sizes = await Promise.all(responses.map(sizeOf));
		expect(sizes).toEqual(maxes.map(() => [1080, 1920, 8 + 12 * 1080 * 1920]));
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('varied max values are served at the fixed sizes, from one decode, and a repeat comes from the cache', async () => {
		const id = await fakeStack(owner.user!.id, { fits: fullSize });
		const reads = vi.spyOn(stackStorage(), 'read');
		const maxes = [16, 100, 255, 256, 257, 300, 511, 512, 700, 1000, 1024, 1025, 1500, 2000, 2048];
		const sizes = await Promise.all(maxes.map(async (max) => sizeOf(await ask(id, max))));
		expect(sizes).toEqual(maxes.map(expected));
		expect(reads).toHaveBeenCalledTimes(1);
		expect(await sizeOf(await ask(id, 600))).toEqual(expected(1024));
		expect(reads).toHaveBeenCalledTimes(1);
	});
});

describe('more decodes than the gate holds', () => {
	it(`beyond ${PREVIEW_DECODES} decoding and ${PREVIEW_QUEUE} waiting, a preview is refused 503 with Retry-After`, async () => {
		const small = crowdskyStack(64, 48, Float32Array.from({ length: 64 * 48 }, (_, i) => 100 + (i % 64)));
		const excess = 4;
		const ids = [];
		for (let i = 0; i < PREVIEW_DECODES + PREVIEW_QUEUE + excess; i++) ids.push(await fakeStack(owner.user!.id, { fits: small }));
		// Reads wait until the refusals are in (or, with no gate, until every request is reading),
		// so every decode is still running or waiting when the last request arrives.
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		let [reading, refused] = [0, 0];
		const settledEnough = () => {
			if (refused === excess || reading === ids.length) release();
		};
		const storage = stackStorage();
		const read = storage.read.bind(storage);
		vi.spyOn(storage, 'read').mockImplementation(async (path) => {
			reading++;
			settledEnough();
			await released;
			return read(path);
		});
		const responses = ids.map((id) =>
			ask(id, 256).then((response) => {
				if (response.status === 503) refused++;
				settledEnough();
				return response;
			})
		);
		const answers = await Promise.all(responses);
		const busy = answers.filter((r) => r.status === 503);
		expect(busy).toHaveLength(excess);
		expect(answers.filter((r) => r.status === 200)).toHaveLength(PREVIEW_DECODES + PREVIEW_QUEUE);
		expect(busy[0].headers.get('retry-after')).toBe('5');
		expect((await busy[0].json()).message).toMatch(/busy making other previews.*try again in a few seconds/);
	});
});
