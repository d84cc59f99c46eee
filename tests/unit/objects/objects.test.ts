/**
 * The NGC/IC/Messier catalogue: the committed file against a fresh build from Debian's kstars-data,
 * known objects' positions, designation spellings, and the field search.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designationIndex, designationsIn, objectsInField, objectsNamed } from '$lib/objects';
import { DEFAULT_KSCAT, readKscat } from '$lib/objects/build';
import { encodeObjects } from '$lib/objects/file-format';
import { BY_DESIGNATION, OBJECTS } from '$lib/objects/catalogue';

const COMMITTED = join(import.meta.dirname, '../../../src/lib/objects/objects.json');
const one = (id: string) => {
	const o = BY_DESIGNATION.get(id);
	if (!o) throw new Error(`${id} is not in the catalogue`);
	return o;
};

describe('the committed catalogue', () => {
	it.skipIf(!existsSync(DEFAULT_KSCAT))('equals a fresh build from kstars-data (apt-get install -y kstars-data sqlite3)', () => {
		expect(encodeObjects(readKscat()) === readFileSync(COMMITTED, 'utf8')).toBe(true);
	});

	it('holds NGC, IC and Messier: 13,960 objects, M 1 to M 110 each on one object', () => {
		expect(OBJECTS.length).toBe(13960);
		const messier = OBJECTS.flatMap((o) => o.ids.filter((id) => id.startsWith('M ')));
		expect(messier.sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))).toEqual(Array.from({ length: 110 }, (_, i) => `M ${i + 1}`));
	});

	it('M 94 is NGC 4736 at RA 192.7211°, Dec +41.1203°, 7.74′ × 6.68′', () => {
		const m94 = one('M 94');
		expect(one('NGC 4736')).toBe(m94);
		expect(m94.ra).toBeCloseTo(192.7211, 2);
		expect(m94.dec).toBeCloseTo(41.1203, 2);
		expect([m94.major, m94.minor, m94.type]).toEqual([7.74, 6.68, 'galaxy']);
	});

	it('M 31 is NGC 224, M 42 is NGC 1976, and IC 434 is in Orion', () => {
		expect(one('M 31')).toBe(one('NGC 224'));
		expect(one('M 31').names).toContain('Andromeda Galaxy');
		expect(one('M 31').ra).toBeCloseTo(10.6848, 2);
		expect(one('M 31').dec).toBeCloseTo(41.2691, 2);
		expect(one('M 42')).toBe(one('NGC 1976'));
		expect(one('M 42').ra).toBeCloseTo(83.8187, 2);
		expect(one('M 42').dec).toBeCloseTo(-5.3897, 2);
		expect(one('IC 434').ra).toBeCloseTo(85.2537, 2);
		expect(one('IC 434').dec).toBeCloseTo(-2.4538, 2);
		expect(one('IC 434').type).toBe('nebula');
	});
});

describe('designations', () => {
	it('every spelling of M 94 and NGC 4736 names the one object', () => {
		for (const text of ['M94', 'm 94', 'M 94', 'Messier 94', 'messier94', 'NGC4736', 'ngc 4736', 'NGC 4736', 'NGC04736']) {
			expect(objectsNamed(BY_DESIGNATION, text), text).toEqual([one('M 94')]);
		}
	});

	it('finds each designation in free text, canonical and once, with letter suffixes, and nothing else', () => {
		expect(designationsIn('M94 and ngc 4736, IC434; ngc 61a; m 94')).toEqual(['M 94', 'NGC 4736', 'IC 434', 'NGC 61A']);
		expect(designationsIn('Moon, 2M 1234, SH2-155, NGC, ICE 5, M 94x2')).toEqual([]);
		expect(objectsNamed(BY_DESIGNATION, 'M 94 M94 NGC 4736 NGC 99999')).toEqual([one('M 94')]);
	});

	it('an index keeps the first object that holds a designation', () => {
		const a = { ids: ['NGC 1'], names: [], ra: 0, dec: 0, major: null, minor: null, type: 'galaxy' };
		const b = { ...a, ids: ['IC 1', 'NGC 1'] };
		expect(designationIndex([a, b]).get('NGC 1')).toBe(a);
		expect(designationIndex([a, b]).get('IC 1')).toBe(b);
	});
});

describe('objectsInField', () => {
	it('around M 94 lists NGC 4736 first, with its size, and only objects inside the radius', () => {
		const found = objectsInField(OBJECTS, 192.7211, 41.1203, 0.7);
		expect(found[0]).toBe(one('NGC 4736'));
		expect(found[0].major).toBe(7.74);
		expect(found.length).toBeGreaterThan(1);
		for (const o of found) expect(Math.abs(o.dec - 41.1203)).toBeLessThanOrEqual(0.7);
		expect(objectsInField(OBJECTS, 192.7211, 42.0, 0.7)).not.toContain(one('NGC 4736'));
	});

	it('crosses RA 0°: a field at RA 359.9° finds an object at RA 0.1°', () => {
		const o = { ids: ['X 1'], names: [], ra: 0.1, dec: 10, major: null, minor: null, type: 'galaxy' };
		expect(objectsInField([o], 359.9, 10, 0.5)).toEqual([o]);
		expect(objectsInField([o], 359.9, 11, 0.5)).toEqual([]);
	});
});
