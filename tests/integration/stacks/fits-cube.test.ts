/**
 * GET /api/stacks/:id/fits?layout=cube (and a share link's): the linear stack as one RGB image
 * (NAXIS3 = 3) beside the stored CrowdSky FITS. On a real M 94 stack: Siril 1.0.6 opens the cube
 * (and still refuses the CrowdSky FITS), astropy reads both with equal planes and WCS, fitsverify
 * passes. On a small synthetic stack: NaN kept, the site scrubbed for a share link; a telescope's
 * stack (already a primary image) is given as stored.
 * It goes into the zip with `cube: true`. Refusals: an unknown layout is a 400, someone else's stack a 404.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHdus, writeFits, type Card } from '$lib/fits';
import { readStackPlanes } from '$lib/server/stacks';
import { GET as fits } from '../../../src/routes/api/stacks/[id]/fits/+server';
import { POST as share } from '../../../src/routes/api/stacks/[id]/share/+server';
import { POST as zip } from '../../../src/routes/api/stacks/zip/+server';
import { GET as sharedFits } from '../../../src/routes/s/[token]/fits/+server';
import { fitsverify } from '../../unit/stacking/helpers';
import { withDb } from '../../helpers/db';
import { call, sessionUser, type Who } from '../jobs/helpers';
import { withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';
import { fakeStack, realStack, type RealStack } from './helpers';

withDb();
withLocalRawStorage();
withLocalStackStorage();
const API = 'http://localhost/api/stacks';
const PYTHON = '/usr/bin/python3';
const CHECK = join(import.meta.dirname, 'check_downloads.py');
let real: RealStack;
let other: Who;
let scratch: string;

beforeAll(async () => {
	real = await realStack();
	other = { user: await sessionUser() };
	scratch = await mkdtemp(join(tmpdir(), 'crowdsky-cube-'));
}, 300_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

const download = (who: Who, id: number, query = '') => call(fits, who, new Request(`${API}/${id}/fits${query}`), { id: String(id) });
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const fileNameOf = (response: Response) => /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];

async function saved(name: string, bytes: Uint8Array): Promise<string> {
	const path = join(scratch, name);
	await writeFile(path, bytes);
	return path;
}

interface Checked {
	stack: [string, number[]][];
	cube: [string, number[]][];
	cubeDtype: string;
	planesEqual: boolean[];
	nan: number[];
	cubeNan: number[];
	changedCards: string[];
	bunit: string;
	wcsAxes?: number;
	worldDiff?: number;
}

const astropy = (stack: string, cube: string): Checked => JSON.parse(execFileSync(PYTHON, [CHECK, stack, cube], { encoding: 'utf8' }));

/** What siril-cli 1.0.6 logs when its script loads `file` (HOME in scratch: Siril writes its settings there). */
async function sirilLoad(file: string): Promise<string> {
	const work = await mkdtemp(join(scratch, 'siril-'));
	await mkdir(join(work, 'home'));
	await writeFile(join(work, 'load.ssf'), `requires 1.0.0\nload ${file}\nclose\n`);
	const run = spawnSync('/usr/bin/siril-cli', ['-d', scratch, '-s', join(work, 'load.ssf')], {
		encoding: 'utf8',
		env: { ...process.env, HOME: join(work, 'home') },
		timeout: 60_000
	});
	return run.stdout + run.stderr;
}

describe('the RGB cube of a real stack', () => {
	let cube: Uint8Array;
	let cubePath: string;
	let stackPath: string;

	beforeAll(async () => {
		const response = await download(real.owner, real.id, '?layout=cube');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/fits');
		expect(fileNameOf(response)).toMatch(/^M_94_.+-rgb\.fits$/);
		cube = await bytesOf(response);
		expect(Number(response.headers.get('content-length'))).toBe(cube.length);
		cubePath = await saved('m94-rgb.fits', cube);
		stackPath = await saved('m94.fits', real.fits);
	});

	it('is one primary image of 3 planes, each the stored plane bit for bit, header and WCS kept', () => {
		const hdus = readHdus(cube);
		expect(hdus).toHaveLength(1);
		expect(hdus[0].header.number('NAXIS')).toBe(3);
		expect(hdus[0].header.number('NAXIS3')).toBe(3);
		const planes = readStackPlanes(cube);
		const stored = readStackPlanes(real.fits);
		expect(planes.layout).toBe('seestar-rgb');
		expect([planes.width, planes.height]).toEqual([stored.width, stored.height]);
		const bytes = (p: Float32Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength);
		for (const c of ['r', 'g', 'b'] as const) expect(bytes(planes[c]).equals(bytes(stored[c]))).toBe(true);
		for (const card of stored.header.cards.filter((c) => !/^(SIMPLE|BITPIX|NAXIS|EXTEND)$/.test(c.key))) {
			expect(planes.header.get(card.key), card.key).toEqual(card.value);
		}
	});

	it('opens in Siril 1.0.6 as 3 layers of 1080 x 1920, where the CrowdSky FITS does not', async () => {
		expect(await sirilLoad('m94-rgb.fits')).toContain('Reading FITS: file m94-rgb.fits, 3 layer(s), 1080x1920 pixels');
		expect(await sirilLoad('m94.fits')).toContain('Opening m94.fits failed');
	});

	it('reads in astropy beside the CrowdSky FITS: shapes, equal planes, every card, the same sky', () => {
		const checked = astropy(stackPath, cubePath);
		expect(checked.stack).toEqual([
			['PRIMARY', []],
			['RED', [1920, 1080]],
			['GREEN', [1920, 1080]],
			['BLUE', [1920, 1080]],
			['FOOTPRINT', [1920, 1080]],
			['STAR-TAB', [expect.any(Number)]]
		]);
		expect(checked.cube).toEqual([['PRIMARY', [3, 1920, 1080]]]);
		expect(checked.cubeDtype).toBe('>f4');
		expect(checked.planesEqual).toEqual([true, true, true]);
		expect(checked.cubeNan).toEqual(checked.nan);
		expect(checked.changedCards).toEqual([]);
		expect(checked.bunit).toBe('ADU');
		expect(checked.wcsAxes).toBe(2);
		expect(checked.worldDiff).toBe(0);
	});

	it('passes fitsverify with no warnings', () => {
		expect(fitsverify(cubePath)).toMatchObject({ errors: 0, warnings: 0 });
	});

	it('goes into a zip beside the CrowdSky FITS when asked (cube: true)', async () => {
		const body = JSON.stringify({ ids: [real.id], cube: true });
		const response = await call(zip, real.owner, new Request(`${API}/zip`, { method: 'POST', body }));
		expect(response.status).toBe(200);
		const entries = unzipSync(await bytesOf(response));
		const names = Object.keys(entries);
		expect(names).toHaveLength(2);
		expect(names[0]).toMatch(/^M_94_[^-]+\.fits$/);
		expect(names[1]).toBe(names[0].replace(/\.fits$/, '-rgb.fits'));
		expect(Buffer.from(entries[names[0]]).equals(Buffer.from(real.fits))).toBe(true);
		expect(Buffer.from(entries[names[1]]).equals(Buffer.from(cube))).toBe(true);
	});

	it('leaves the default download the stored file, named .fits', async () => {
		for (const query of ['', '?layout=crowdsky', '?layout=']) {
			const response = await download(real.owner, real.id, query);
			expect(response.status).toBe(200);
			expect(fileNameOf(response)).toMatch(/^M_94_[^-]+\.fits$/);
			expect(Buffer.from(await bytesOf(response)).equals(Buffer.from(real.fits))).toBe(true);
		}
	});
});

describe('refusals', () => {
	it('answers 400 for a layout it does not know, naming the ones it does', async () => {
		for (const query of ['?layout=rgb', '?layout=CUBE', '?layout=cube%20']) {
			const response = await download(real.owner, real.id, query);
			expect(response.status).toBe(400);
			expect((await response.json()).message).toMatch(/crowdsky .* or cube/);
		}
	});

	it("answers 404 for someone else's stack, as the stored layout does", async () => {
		for (const query of ['', '?layout=cube']) {
			const response = await download(other, real.id, query);
			expect(response.status).toBe(404);
			expect((await response.json()).message).toBe(`stack ${real.id} was not found`);
		}
		expect((await download(real.owner, 999_999, '?layout=cube')).status).toBe(404);
	});
});

describe('the RGB cube of a small synthetic stack', () => {
	const W = 37;
	const H = 23;
	const NAN_AT = [0, 5, W * H - 1];
	const PRIMARY: Card[] = [
		{ key: 'OBJECT', value: 'M 94' },
		{ key: 'SITELAT', value: 32.8965 },
		{ key: 'SITELONG', value: -79.7625 },
		{ key: 'WCSAXES', value: 2 },
		{ key: 'CTYPE1', value: 'RA---TAN' },
		{ key: 'CTYPE2', value: 'DEC--TAN' },
		{ key: 'CRVAL1', value: 192.75 },
		{ key: 'CRVAL2', value: 41.12 },
		{ key: 'CRPIX1', value: 19 },
		{ key: 'CRPIX2', value: 12 },
		{ key: 'CD1_1', value: -0.00066 },
		{ key: 'CD1_2', value: 0 },
		{ key: 'CD2_1', value: 0 },
		{ key: 'CD2_2', value: 0.00066 },
		{ key: 'HISTORY', value: null, comment: 'made for the cube test' }
	];
	const plane = (c: number) => {
		const data = Float32Array.from({ length: W * H }, (_, i) => c * 1000 + i * 0.25);
		for (const i of NAN_AT) data[i] = NaN;
		return data;
	};
	const stored = writeFits([
		{ kind: 'primary', cards: PRIMARY },
		...['RED', 'GREEN', 'BLUE'].map((name, c) => ({ kind: 'image' as const, name, bitpix: -32 as const, width: W, height: H, data: plane(c), cards: [] })),
		{ kind: 'image', name: 'FOOTPRINT', bitpix: 16, width: W, height: H, data: new Uint16Array(W * H).fill(3), cards: [] }
	]);
	let id: number;

	beforeAll(async () => {
		id = await fakeStack(real.ownerId, { fits: stored });
	});

	it('keeps NaN and every value, and passes fitsverify and astropy', async () => {
		const response = await download(real.owner, id, '?layout=cube');
		expect(response.status).toBe(200);
		const cube = await bytesOf(response);
		expect(cube.length % 2880).toBe(0);
		const planes = readStackPlanes(cube);
		expect([planes.width, planes.height]).toEqual([W, H]);
		[planes.r, planes.g, planes.b].forEach((p, c) => expect(Array.from(p)).toEqual(Array.from(plane(c))));
		const checked = astropy(await saved('small.fits', stored), await saved('small-rgb.fits', cube));
		expect(checked.cube).toEqual([['PRIMARY', [3, H, W]]]);
		expect(checked.planesEqual).toEqual([true, true, true]);
		expect(checked.cubeNan).toEqual([3, 3, 3]);
		expect(checked.changedCards).toEqual([]);
		expect(checked.wcsAxes).toBe(2);
		expect(checked.worldDiff).toBe(0);
		expect(fitsverify(join(scratch, 'small-rgb.fits'))).toMatchObject({ errors: 0, warnings: 0 });
	});

	it('gives a stack made on the telescope (already one primary image) as stored', async () => {
		const telescope = writeFits([{ kind: 'primary-image', bitpix: -32, width: W, height: H, planes: 3, data: new Float32Array(3 * W * H).fill(7), cards: PRIMARY }]);
		const response = await download(real.owner, await fakeStack(real.ownerId, { fits: telescope }), '?layout=cube');
		expect(response.status).toBe(200);
		expect(fileNameOf(response)).toMatch(/-rgb\.fits$/);
		expect(Buffer.from(await bytesOf(response)).equals(Buffer.from(telescope))).toBe(true);
	});

	it('is given by a share link as a cube too, without the site unless published', async () => {
		const created = await call(share, real.owner, new Request(`${API}/${id}/share`, { method: 'POST' }), { id: String(id) });
		const token = new URL((await created.json()).url).pathname.slice(3);
		const event = (query: string) => ({ params: { token }, url: new URL(`http://localhost/s/${token}/fits${query}`) }) as never;
		const response = await sharedFits(event('?layout=cube'));
		expect(response.status).toBe(200);
		expect(fileNameOf(response)).toMatch(/-rgb\.fits$/);
		const header = readStackPlanes(await bytesOf(response)).header;
		expect(header.has('SITELAT') || header.has('SITELONG')).toBe(false);
		expect(header.string('OBJECT')).toBe('M 94');
		expect((await sharedFits(event('?layout=planes'))).status).toBe(400);
	});
});
