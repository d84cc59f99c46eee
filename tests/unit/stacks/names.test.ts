import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/server/http';
import { attachment } from '$lib/server/stacks/file-response';
import { thumbnailUrl } from '$lib/api/stacks';
import { stackFileName } from '$lib/server/stacks/summary';
import { parseZipBody } from '$lib/server/stacks/zip-stacks';

describe('stackFileName', () => {
	it('is {object}_{chunk_key}.fits with spaces as _ and unsafe characters dropped', () => {
		expect(stackFileName({ object: 'M 94', chunkKey: '20250327.23_193.1_+41.0' })).toBe('M_94_20250327.23_193.1_+41.0.fits');
		expect(stackFileName({ object: '  NGC  7023 ', chunkKey: '20240731.92_315.4_+68.2' })).toBe('NGC_7023_20240731.92_315.4_+68.2.fits');
		expect(stackFileName({ object: '../../etc/pass"wd', chunkKey: 'k' })).toBe('etcpasswd_k.fits');
		expect(stackFileName({ object: 'Ωmega Cen', chunkKey: 'k' }, 'png')).toBe('Ωmega_Cen_k.png');
		expect(stackFileName({ object: null, chunkKey: 'k' })).toBe('stack_k.fits');
		expect(stackFileName({ object: '///', chunkKey: 'k' })).toBe('stack_k.fits');
	});

	it('has one thumbnail URL builder', () => {
		expect(thumbnailUrl(42)).toBe('/api/stacks/42/thumbnail');
	});
});

describe('attachment', () => {
	it('gives an ASCII fallback and the exact UTF-8 name', () => {
		expect(attachment('M_94_k.fits')).toBe(`attachment; filename="M_94_k.fits"; filename*=UTF-8''M_94_k.fits`);
		expect(attachment('Ωmega_Cen_+1.fits')).toBe(`attachment; filename="mega_Cen_+1.fits"; filename*=UTF-8''%CE%A9mega_Cen_%2B1.fits`);
		expect(attachment('a"b\\c')).toBe(`attachment; filename="a_b_c"; filename*=UTF-8''a%22b%5Cc`);
	});
});

describe('parseZipBody', () => {
	it('takes distinct positive ids and optional png and cube flags', () => {
		expect(parseZipBody({ ids: [3, 1, 3] })).toEqual({ ids: [3, 1], png: false, cube: false });
		expect(parseZipBody({ ids: [1], png: true })).toEqual({ ids: [1], png: true, cube: false });
		expect(parseZipBody({ ids: [1], cube: true })).toEqual({ ids: [1], png: false, cube: true });
	});

	it('refuses anything else with a 400', () => {
		for (const body of [{}, { ids: [] }, { ids: [0] }, { ids: ['1'] }, { ids: [1.5] }, { ids: [1], png: 'yes' }, { ids: [1], cube: 1 }, { ids: Array.from({ length: 151 }, (_, i) => i + 1) }]) {
			expect(() => parseZipBody(body), JSON.stringify(body).slice(0, 40)).toThrow(ApiError);
		}
	});
});
