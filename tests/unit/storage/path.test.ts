import { describe, expect, it } from 'vitest';
import { StorageError, storagePath } from '$lib/server/storage';
import { checkPath, checkPrefix } from '$lib/server/storage/path';

describe('storagePath', () => {
	it('joins ids and names with "/"', () => {
		expect(storagePath('raw', 12, 'a.fit')).toBe('raw/12/a.fit');
		expect(storagePath('stacks', 0, '20240730.91_314.8_p68.2-S50_1234.fits')).toBe(
			'stacks/0/20240730.91_314.8_p68.2-S50_1234.fits'
		);
	});

	it.each([[[]], [['raw', '..']], [['raw', '']], [['a/b']], [['.tmp']], [['x y']], [['Ω']], [['a\\b']], [[-1.5, 'ok']]])(
		'refuses %j',
		(segments) => {
			expect(() => storagePath(...(segments as (string | number)[]))).toThrow(StorageError);
		}
	);

	it('names the bad segment and the rule', () => {
		expect(() => storagePath('raw', '../etc')).toThrow(
			'invalid storage path "raw/../etc": segment "../etc" is not allowed (segments of [A-Za-z0-9._-] not starting with "." joined by "/")'
		);
	});
});

describe('checkPath / checkPrefix', () => {
	it('splits a valid path into segments', () => {
		expect(checkPath('raw/1/a.fit')).toEqual(['raw', '1', 'a.fit']);
		expect(checkPrefix('')).toEqual([]);
		expect(checkPrefix('raw/1')).toEqual(['raw', '1']);
	});

	it.each(['', '/', '/abs', 'a//b', 'a/', '../x', 'a/..', 'a\\b', 'a\0b', '.hidden', 'x'.repeat(256)])(
		'refuses %j as a path',
		(path) => {
			expect(() => checkPath(path)).toThrow(StorageError);
		}
	);

	it('accepts a 255-character segment', () => {
		expect(checkPath('x'.repeat(255))).toHaveLength(1);
	});
});
