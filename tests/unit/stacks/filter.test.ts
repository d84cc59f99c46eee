import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/server/http';
import { parsePage, parseStackFilter } from '$lib/server/stacks/filter';

const parse = (q: string) => parseStackFilter(new URLSearchParams(q));

function refusal(q: string): string {
	try {
		parse(q);
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(400);
		return (error as ApiError).message;
	}
	throw new Error(`${q} was accepted`);
}

describe('parseStackFilter', () => {
	it('reads every filter and leaves out the empty ones', () => {
		expect(parse('')).toEqual({});
		expect(parse('object=&telescope=%20')).toEqual({});
		expect(
			parse('object=M%2094&from=2025-03-27&to=2025-03-28T06:00:00Z&telescope=S50_1&filter=IRCUT&raMin=350&raMax=10&decMin=-5.5&decMax=60&healpix=1,%202,196607&nside=128')
		).toEqual({
			object: 'M 94',
			from: new Date('2025-03-27T00:00:00Z'),
			to: new Date('2025-03-28T06:00:00Z'),
			telescope: 'S50_1',
			filter: 'IRCUT',
			raMin: 350,
			raMax: 10,
			decMin: -5.5,
			decMax: 60,
			healpix: [1, 2, 196607]
		});
	});

	it('reads a date-time without a zone as UTC and keeps an explicit offset', () => {
		expect(parse('from=2025-03-27T05:45:00').from).toEqual(new Date('2025-03-27T05:45:00Z'));
		expect(parse('from=2025-03-27T07:45:00%2B02:00').from).toEqual(new Date('2025-03-27T05:45:00Z'));
	});

	it('refuses bad values, naming them and what is allowed', () => {
		expect(refusal('from=yesterday')).toMatch(/from "yesterday" is not a date/);
		expect(refusal('from=2025-03-28&to=2025-03-27')).toMatch(/after/);
		expect(refusal('raMin=-1')).toMatch(/raMin "-1" must be a number from 0 to 360/);
		expect(refusal('decMax=91')).toMatch(/decMax/);
		expect(refusal('decMin=10&decMax=0')).toMatch(/above/);
		expect(refusal('healpix=196608')).toMatch(/0 to 196607/);
		expect(refusal('healpix=1,,2')).toMatch(/healpix ""/);
		expect(refusal('healpix=1.5')).toMatch(/not a pixel/);
		expect(refusal('healpix=1&nside=64')).toMatch(/nside "64" is not supported/);
		expect(refusal(`healpix=${Array.from({ length: 1001 }, (_, i) => i).join(',')}`)).toMatch(/at most 1000/);
		expect(refusal(`object=${'x'.repeat(256)}`)).toMatch(/at most 255/);
	});
});

describe('parsePage', () => {
	it('defaults to page 1 of 50 and refuses sizes past 200', () => {
		expect(parsePage(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 50 });
		expect(parsePage(new URLSearchParams('page=3&pageSize=200'))).toEqual({ page: 3, pageSize: 200 });
		expect(() => parsePage(new URLSearchParams('pageSize=201'))).toThrow(/pageSize "201"/);
		expect(() => parsePage(new URLSearchParams('page=0'))).toThrow(/page "0"/);
	});
});
