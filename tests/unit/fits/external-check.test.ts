import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFits, type Bitpix, type Card, type HduSpec } from '$lib/fits';

// Independent checkers: HEASARC's fitsverify and astropy read what writeFits wrote.
const W = 108;
const H = 192;
const dir = mkdtempSync(join(tmpdir(), 'fits-external-'));

const STACK_CARDS: Card[] = [
	{ key: 'EXPTIME', value: 60, comment: '[s] total exposure' },
	{ key: 'EXPOSURE', value: 60, comment: '[s] total exposure' },
	{ key: 'NIMAGES', value: 6, comment: 'frames stacked' },
	{ key: 'DATE-OBS', value: '2025-03-27T05:45:00.734589' },
	{ key: 'OB-START', value: '2025-03-27T05:45:00.734589' },
	{ key: 'OB-END', value: '2025-03-27T05:46:14.102000' },
	{ key: 'OBSTOTAL', value: 6 },
	{ key: 'STACKMET', value: 'winsorized sigma clip' },
	{ key: 'OBJECT', value: 'M 94' },
	{ key: 'RA', value: 193.070835, comment: '[deg]' },
	{ key: 'DEC', value: 40.979722, comment: '[deg]' },
	{ key: 'TELESCOP', value: 'S50_1d3fe189' },
	{ key: 'FILTER', value: 'IRCUT' },
	{ key: 'CCD-TEMP', value: 17.875 },
	{ key: 'GAIN', value: 80 },
	{ key: 'XPIXSZ', value: 2.90000009536743 },
	{ key: 'FOCALLEN', value: 250 },
	{ key: 'HISTORY', value: null, comment: "stacked by CrowdSky's test" }
];

/** Channel c at (x, y): distinct per channel and position, so orientation errors show. */
const channel = (c: number) => Float32Array.from({ length: W * H }, (_, i) => c * 100000 + (i % W) + Math.floor(i / W) * 0.5);
const STARS = { x: [10.25, 50.5, 0], y: [20.75, 100, 191], flux: [1234.5, 99.25, 7], a: [2, 1.5, 1], b: [1.5, 1.25, 1], theta: [0.5, -1, 0], flag: [0, 1, 4] };

function stack(footprint: { bitpix: Bitpix; bzero?: number }): HduSpec[] {
	const names = ['RED', 'GREEN', 'BLUE'];
	return [
		{ kind: 'primary', cards: STACK_CARDS },
		...names.map((name, c): HduSpec => ({ kind: 'image', name, bitpix: -32, width: W, height: H, data: channel(c), cards: [] })),
		{
			kind: 'image',
			name: 'FOOTPRINT',
			...footprint,
			width: W,
			height: H,
			data: Float32Array.from({ length: W * H }, (_, i) => (i % W < 3 ? 0 : 6)),
			cards: [{ key: 'BUNIT', value: 'frames' }]
		},
		{
			kind: 'bintable',
			name: 'STAR-TAB',
			rows: 3,
			columns: [
				{ name: 'x', format: 'E', unit: 'pix', data: STARS.x },
				{ name: 'y', format: 'E', unit: 'pix', data: STARS.y },
				{ name: 'flux', format: 'E', data: STARS.flux },
				{ name: 'a', format: 'E', unit: 'pix', data: STARS.a },
				{ name: 'b', format: 'E', unit: 'pix', data: STARS.b },
				{ name: 'theta', format: 'E', unit: 'rad', data: STARS.theta },
				{ name: 'flag', format: 'I', data: STARS.flag }
			],
			cards: []
		},
		{
			kind: 'bintable',
			name: 'TYPES',
			rows: 2,
			columns: [
				{ name: 'b', format: 'B', data: [0, 255] },
				{ name: 'j', format: 'J', data: [-2147483648, 2147483647] },
				{ name: 'k', format: 'K', data: [-(2 ** 53 - 1), 2 ** 53 - 1] },
				{ name: 'd', format: 'D', data: [0.1, -1e300] }
			],
			cards: []
		}
	];
}

const ASTROPY_SCRIPT = `
import json, sys
from astropy.io import fits
probes = [(0, 0), (1, 0), (0, 1), (107, 191), (40, 13)]
out = []
with fits.open(sys.argv[1]) as hdul:
    hdul.verify('exception')
    for h in hdul:
        d = {'name': h.name, 'type': type(h).__name__}
        if isinstance(h, fits.BinTableHDU):
            d['columns'] = [[c.name, c.format, c.unit] for c in h.columns]
            d['dtypes'] = [h.data[c.name].dtype.str for c in h.columns]
            d['rows'] = {c.name: [v.item() for v in h.data[c.name]] for c in h.columns}
        elif h.data is not None:
            d['shape'] = list(h.data.shape)
            d['dtype'] = h.data.dtype.str
            d['probes'] = [h.data[y, x].item() for (x, y) in probes]
        else:
            d['header'] = {k: h.header[k] for k in h.header if k not in ('COMMENT', 'HISTORY')}
            d['history'] = [str(v) for v in h.header['HISTORY']]
        out.append(d)
print(json.dumps(out))
`;

/** Debian's python3 has astropy; a pyenv python3 earlier on PATH may not. */
function pythonWithAstropy(): string {
	for (const python of ['/usr/bin/python3', 'python3']) {
		if (spawnSync(python, ['-c', 'import astropy'], { stdio: 'ignore' }).status === 0) return python;
	}
	throw new Error('no python3 with astropy found (Debian: apt-get install python3-astropy)');
}

function writeStack(file: string, footprint: { bitpix: Bitpix; bzero?: number }): string {
	const path = join(dir, file);
	writeFileSync(path, writeFits(stack(footprint)));
	return path;
}

const VARIANTS = [
	{ file: 'stack-i16.fits', footprint: { bitpix: 16 as const }, dtype: '>i2' },
	{ file: 'stack-u16.fits', footprint: { bitpix: 16 as const, bzero: 32768 }, dtype: '<u2' },
	{ file: 'stack-f32.fits', footprint: { bitpix: -32 as const }, dtype: '>f4' }
];

describe.each(VARIANTS)('a CrowdSky-style stack, FOOTPRINT $dtype', ({ file, footprint, dtype }) => {
	it('passes fitsverify with no errors and no warnings', () => {
		const path = writeStack(file, footprint);
		const quiet = spawnSync('/usr/bin/fitsverify', ['-q', path], { encoding: 'utf8' });
		expect(quiet.stdout).toMatch(/^verification OK/);
		const full = spawnSync('/usr/bin/fitsverify', [path], { encoding: 'utf8' });
		expect(full.stdout).toContain('Verification found 0 warning(s) and 0 error(s).');
	});

	it('opens in astropy with the right names, shapes, dtypes and values', () => {
		const path = writeStack(file, footprint);
		const hdus = JSON.parse(execFileSync(pythonWithAstropy(), ['-c', ASTROPY_SCRIPT, path], { encoding: 'utf8' }));
		expect(hdus.map((h: { name: string; type: string }) => [h.name, h.type])).toEqual([
			['PRIMARY', 'PrimaryHDU'],
			['RED', 'ImageHDU'],
			['GREEN', 'ImageHDU'],
			['BLUE', 'ImageHDU'],
			['FOOTPRINT', 'ImageHDU'],
			['STAR-TAB', 'BinTableHDU'],
			['TYPES', 'BinTableHDU']
		]);
		const [primary, red, green, blue, fp, stars, types] = hdus;
		expect(primary.header).toMatchObject({
			SIMPLE: true,
			NAXIS: 0,
			EXTEND: true,
			EXPTIME: 60,
			NIMAGES: 6,
			'DATE-OBS': '2025-03-27T05:45:00.734589',
			'OB-END': '2025-03-27T05:46:14.102000',
			STACKMET: 'winsorized sigma clip',
			RA: 193.070835,
			DEC: 40.979722,
			TELESCOP: 'S50_1d3fe189',
			'CCD-TEMP': 17.875,
			XPIXSZ: 2.90000009536743
		});
		expect(primary.history).toEqual(["stacked by CrowdSky's test"]);
		// numpy order is (NAXIS2, NAXIS1) = (height, width); probes are (x, y) = data[y, x].
		const probes = [[0, 0], [1, 0], [0, 1], [107, 191], [40, 13]];
		[red, green, blue].forEach((img, c) => {
			expect(img.shape).toEqual([H, W]);
			expect(img.dtype).toBe('>f4');
			expect(img.probes).toEqual(probes.map(([x, y]) => Math.fround(c * 100000 + x + y * 0.5)));
		});
		expect(fp.shape).toEqual([H, W]);
		expect(fp.dtype).toBe(dtype);
		expect(fp.probes).toEqual(probes.map(([x]) => (x < 3 ? 0 : 6)));
		expect(stars.columns).toEqual([
			['x', 'E', 'pix'], ['y', 'E', 'pix'], ['flux', 'E', null], ['a', 'E', 'pix'], ['b', 'E', 'pix'], ['theta', 'E', 'rad'], ['flag', 'I', null]
		]);
		expect(stars.dtypes).toEqual(['>f4', '>f4', '>f4', '>f4', '>f4', '>f4', '>i2']);
		expect(stars.rows).toEqual(STARS);
		expect(types.dtypes).toEqual(['|u1', '>i4', '>i8', '>f8']);
		expect(types.rows).toEqual({ b: [0, 255], j: [-2147483648, 2147483647], k: [-(2 ** 53 - 1), 2 ** 53 - 1], d: [0.1, -1e300] });
	});
});
