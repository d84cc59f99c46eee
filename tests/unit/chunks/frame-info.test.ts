import { describe, expect, it } from 'vitest';
import { frameInfoFromHeader, healpixRing, type FrameCheck } from '$lib/chunks';
import type { CardValue } from '$lib/fits';
import { headerOf, SEESTAR_CARDS } from './helpers';

function check(over: Record<string, CardValue>, drop: string[] = []): FrameCheck {
	const cards = { ...SEESTAR_CARDS, ...over };
	for (const key of drop) delete cards[key];
	return frameInfoFromHeader(headerOf(cards), 'Light_M 94_10.0s_IRCUT_20250327-014513.fit', 4_152_960);
}

function ok(result: FrameCheck) {
	if (!result.ok) throw new Error(`expected a frame, got: ${result.reason}`);
	return result.frame;
}

function reason(result: FrameCheck): string {
	if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.frame)}`);
	return result.reason;
}

describe('frameInfoFromHeader: a Seestar header', () => {
	it('reads every field, trimmed, with DATE-OBS as UTC', () => {
		const f = ok(check({ OBJECT: 'M 94    ', FILTER: 'IRCUT   ' }));
		expect(f).toEqual({
			name: 'Light_M 94_10.0s_IRCUT_20250327-014513.fit',
			size: 4_152_960,
			// 2025-03-27 is day 20174 since 1970 (55 years, 14 of them leap: 20089 days; + 85 days to 27 March).
			dateObs: (20174 * 86400 + 5 * 3600 + 45 * 60) * 1000 + 734,
			exptime: 10,
			ra: 193.070835,
			dec: 40.979722,
			object: 'M 94',
			telescope: 'S50_1d3fe189',
			filter: 'IRCUT',
			instrument: 'Seestar S50',
			healpix: healpixRing(128, 193.070835, 40.979722)
		});
	});

	it('ignores the time in the file name (local time) and the machine time zone', () => {
		// The name says 01:45:13 (EDT); DATE-OBS says 05:45:00.734589 UTC.
		const f = ok(check({}));
		expect(new Date(f.dateObs).toISOString()).toBe('2025-03-27T05:45:00.734Z');
	});

	it('blank or missing text fields are null', () => {
		const f = ok(check({ OBJECT: '   ', FILTER: '' }, ['TELESCOP', 'INSTRUME']));
		expect([f.object, f.filter, f.telescope, f.instrument]).toEqual([null, null, null, null]);
	});
});

describe('frameInfoFromHeader: DATE-OBS', () => {
	it.each([
		['2025-03-27T05:45:00', '2025-03-27T05:45:00.000Z'],
		['2025-03-27T05:45:00Z', '2025-03-27T05:45:00.000Z'],
		['2025-03-27T05:45:00.5', '2025-03-27T05:45:00.500Z'],
		['2025-03-27T05:45:00.123456789', '2025-03-27T05:45:00.123Z'],
		// Truncated, not rounded: the last instant of a window stays in it.
		['2025-03-27T00:14:59.99999', '2025-03-27T00:14:59.999Z'],
		['2024-02-29T23:59:59.999', '2024-02-29T23:59:59.999Z'],
		// A leap second stays in the day (and window) it ends.
		['2016-12-31T23:59:60.5', '2016-12-31T23:59:59.999Z'],
		['  2025-03-27T05:45:00  ', '2025-03-27T05:45:00.000Z']
	])('%s is %s', (text, iso) => {
		expect(new Date(ok(check({ 'DATE-OBS': text })).dateObs).toISOString()).toBe(iso);
	});

	it('keeps years below 100 as written', () => {
		expect(ok(check({ 'DATE-OBS': '0050-01-01T00:00:00' })).dateObs).toBe(Date.parse('0050-01-01T00:00:00Z'));
	});

	it('a frame without DATE-OBS is refused, never keyed "unknown"', () => {
		expect(reason(check({}, ['DATE-OBS']))).toMatch(/^no DATE-OBS/);
		expect(reason(check({ 'DATE-OBS': null }))).toMatch(/^no DATE-OBS/);
	});

	it.each([
		['2025-03-27', /no time of day/],
		['2025-03-27T05:45:00+02:00', /time-zone offset/],
		['2025-03-27T05:45:00-0500', /time-zone offset/],
		['27/03/25', /expected ISO 8601/],
		['garbage', /expected ISO 8601/],
		['', /expected ISO 8601/],
		['2025-03-27 05:45:00', /expected ISO 8601/],
		['2025-13-01T00:00:00', /month 13/],
		['2025-02-29T00:00:00', /day 29 is not in 01-28/],
		['2025-04-31T00:00:00', /day 31 is not in 01-30/],
		['2025-03-27T24:00:00', /hour 24/],
		['2025-03-27T05:60:00', /minute 60/],
		['2025-03-27T05:45:60', /second 60/]
	])('DATE-OBS %j is refused (%s)', (text, why) => {
		const r = reason(check({ 'DATE-OBS': text }));
		expect(r).toContain(`DATE-OBS "${text}" is not a valid UTC date`);
		expect(r).toMatch(why);
	});

	it('a number in DATE-OBS is refused', () => {
		expect(reason(check({ 'DATE-OBS': 20250327 }))).toMatch(/DATE-OBS = 20250327 is not a valid UTC date/);
	});

	it('only UTC time systems are accepted', () => {
		expect(ok(check({ TIMESYS: 'UTC' })).dateObs).toBe(ok(check({})).dateObs);
		expect(reason(check({ TIMESYS: 'TT' }))).toBe("TIMESYS = 'TT': only UTC dates are supported");
	});
});

describe('frameInfoFromHeader: exposure', () => {
	it('takes EXPTIME, else EXPOSURE', () => {
		expect(ok(check({ EXPTIME: 20, EXPOSURE: 10 })).exptime).toBe(20);
		expect(ok(check({ EXPOSURE: 15 }, ['EXPTIME'])).exptime).toBe(15);
	});

	it.each([0, -10, 'ten', null])('EXPTIME = %j is refused', (value) => {
		expect(reason(check({ EXPTIME: value }))).toMatch(/^EXPTIME = .* is not an exposure time/);
	});

	it('no exposure keyword at all is refused', () => {
		expect(reason(check({}, ['EXPTIME', 'EXPOSURE']))).toMatch(/no EXPTIME or EXPOSURE/);
	});
});

describe('frameInfoFromHeader: pointing', () => {
	it('RA/DEC in degrees come first', () => {
		const f = ok(check({ OBJCTRA: '00 00 00', OBJCTDEC: '+00 00 00', CRVAL1: 1, CRVAL2: 2 }));
		expect([f.ra, f.dec]).toEqual([193.070835, 40.979722]);
	});

	it('falls back to sexagesimal OBJCTRA/OBJCTDEC (RA in hours)', () => {
		const f = ok(check({ OBJCTRA: '12 52 17.0', OBJCTDEC: '-05 12 36' }, ['RA', 'DEC']));
		// 12h52m17s = 12.871388...h × 15 = 193.0708333°; -(5 + 12/60 + 36/3600) = -5.21°.
		expect(f.ra).toBeCloseTo(193.0708333, 6);
		expect(f.dec).toBeCloseTo(-5.21, 9);
		const colons = ok(check({ OBJCTRA: '21:01:59.99', OBJCTDEC: '+68:12:56' }, ['RA', 'DEC']));
		expect(colons.ra).toBeCloseTo(315.499958, 5);
		expect(colons.dec).toBeCloseTo(68.215556, 5);
		// The sign applies to the whole angle, also when the degrees are 0.
		expect(ok(check({ OBJCTRA: '0 0 0', OBJCTDEC: '-00 30 00' }, ['RA', 'DEC'])).dec).toBe(-0.5);
	});

	it('then CRVAL1/CRVAL2 when they are RA/Dec', () => {
		const f = ok(check({ CRVAL1: 315.4433, CRVAL2: 68.1263, CTYPE1: 'RA---TAN' }, ['RA', 'DEC']));
		expect([f.ra, f.dec]).toEqual([315.4433, 68.1263]);
		expect(reason(check({ CRVAL1: 120, CRVAL2: 5, CTYPE1: 'GLON-TAN' }, ['RA', 'DEC']))).toMatch(/^no RA\/DEC/);
	});

	it('no pointing at all is refused', () => {
		expect(reason(check({}, ['RA', 'DEC']))).toMatch(/^no RA\/DEC/);
		expect(reason(check({}, ['DEC']))).toMatch(/^no RA\/DEC/);
	});

	it('RA 360 is RA 0; values out of range are refused with the value', () => {
		expect(ok(check({ RA: 360 })).ra).toBe(0);
		expect(reason(check({ RA: 360.5 }))).toBe("RA = 360.5 is not a right ascension: expected degrees 0-360 or \"HH MM SS.s\"");
		expect(reason(check({ RA: -1 }))).toMatch(/^RA = -1 is not a right ascension/);
		expect(reason(check({ DEC: 90.01 }))).toMatch(/^DEC = 90.01 is not a declination/);
		expect(reason(check({ DEC: 'north' }))).toMatch(/^DEC = 'north' is not a declination/);
		expect(reason(check({ OBJCTRA: '12 61 00', OBJCTDEC: '+10 00 00' }, ['RA', 'DEC']))).toMatch(/^OBJCTRA = '12 61 00'/);
		expect(reason(check({ OBJCTRA: '193.07', OBJCTDEC: '+10 00 00' }, ['RA', 'DEC']))).toMatch(/^OBJCTRA = '193.07'/);
	});

	it('the HEALPix index is of the pointing', () => {
		const f = ok(check({ RA: 10, DEC: 89.99 }));
		expect(f.healpix).toBe(0); // the first pixel of the north polar ring covers RA 0-90°
	});
});
