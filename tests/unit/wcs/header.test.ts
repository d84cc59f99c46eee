import { describe, expect, it } from 'vitest';
import { FitsHeader, parseHeader, writeFits, type Card } from '$lib/fits';
import { footprint, makeWcs, parity, pixelScale, pixelToSky, readWcs, rotation, wcsCards, WcsError, type Wcs } from '$lib/wcs';

const header = (cards: Card[]) => new FitsHeader(cards);
const card = (key: string, value: Card['value']): Card => ({ key, value });

/** A minimal valid TAN header in CD form; `over` replaces or adds cards, `drop` removes them. */
function tanCards(over: Record<string, Card['value']> = {}, drop: string[] = []): Card[] {
	const base: Record<string, Card['value']> = {
		CTYPE1: 'RA---TAN',
		CTYPE2: 'DEC--TAN',
		CRVAL1: 315.4433043481,
		CRVAL2: 68.12628491387,
		CRPIX1: 540.5,
		CRPIX2: 960.5,
		CD1_1: 0.0003505162396905,
		CD1_2: 0.0005586766032592,
		CD2_1: -0.0005586160829179,
		CD2_2: 0.0003504672443411,
		...over
	};
	return Object.entries(base)
		.filter(([key]) => !drop.includes(key))
		.map(([key, value]) => card(key, value));
}

function refused(cards: Card[]): string {
	try {
		readWcs(header(cards));
	} catch (err) {
		expect(err).toBeInstanceOf(WcsError);
		return (err as Error).message;
	}
	throw new Error('readWcs accepted the header');
}

describe('readWcs', () => {
	it('reads nothing from a header without CTYPE1/CTYPE2', () => {
		expect(readWcs(header([card('OBJECT', 'M 94')]))).toBeNull();
	});

	it('reads the CD form', () => {
		const wcs = readWcs(header(tanCards()))!;
		expect(wcs.crval).toEqual([315.4433043481, 68.12628491387]);
		expect(wcs.crpix).toEqual([540.5, 960.5]);
		expect(wcs.cd).toEqual([[0.0003505162396905, 0.0005586766032592], [-0.0005586160829179, 0.0003504672443411]]);
		expect(wcs.lonpole).toBe(180);
		expect(wcs.sip).toBeUndefined();
	});

	it('turns PC with CDELT, and CDELT with CROTA2, into the same CD', () => {
		const pc = readWcs(
			header([
				...tanCards({ PC1_1: 2, PC1_2: 0.5, PC2_1: -0.25, PC2_2: 1, CDELT1: -1e-3, CDELT2: 2e-3 }, ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'])
			])
		)!;
		expect(pc.cd).toEqual([[-2e-3, -0.5e-3], [-0.5e-3, 2e-3]]);
		const crota = readWcs(header(tanCards({ CDELT1: -1e-3, CDELT2: 1e-3, CROTA2: 30 }, ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'])))!;
		const c = Math.cos(Math.PI / 6) * 1e-3;
		const s = Math.sin(Math.PI / 6) * 1e-3;
		expect(crota.cd[0][0]).toBeCloseTo(-c, 15);
		expect(crota.cd[0][1]).toBeCloseTo(-s, 15);
		expect(crota.cd[1][0]).toBeCloseTo(-s, 15);
		expect(crota.cd[1][1]).toBeCloseTo(c, 15);
	});

	it('refuses a singular CD with a message that says why', () => {
		expect(refused(tanCards({ CD1_1: 1e-3, CD1_2: 2e-3, CD2_1: 0.5e-3, CD2_2: 1e-3 }))).toMatch(/singular.*cannot be turned back into pixels/);
		expect(refused(tanCards({ CD1_1: 0, CD1_2: 0, CD2_1: 0, CD2_2: 0 }))).toMatch(/singular/);
		expect(refused(tanCards({ CDELT1: 0, CDELT2: 1e-3 }, ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2']))).toMatch(/singular/);
	});

	it('refuses cards of the wrong type or range, other projections and mixed forms', () => {
		expect(refused(tanCards({ CRVAL1: '315.4' }))).toMatch(/CRVAL1 = "315.4": expected a finite number/);
		expect(refused(tanCards({ CRPIX2: null }))).toMatch(/CRPIX2 = null/);
		expect(refused(tanCards({ CRVAL2: 90.5 }))).toMatch(/within -90..90/);
		expect(refused(tanCards({}, ['CRPIX1']))).toMatch(/CRPIX1 is missing/);
		expect(refused(tanCards({ CTYPE1: 'RA---SIN', CTYPE2: 'DEC--SIN' }))).toMatch(/only the celestial TAN/);
		expect(refused(tanCards({ CTYPE2: 'DEC--TAN-SIP' }))).toMatch(/only the celestial TAN/);
		expect(refused(tanCards({ CTYPE1: 5 }))).toMatch(/CTYPE1 = 5: expected a string/);
		expect(refused(tanCards({ CUNIT1: 'rad' }))).toMatch(/CUNIT1/);
		expect(refused(tanCards({ WCSAXES: 3 }))).toMatch(/WCSAXES = 3/);
		expect(refused(tanCards({ CDELT1: 1e-3 }))).toMatch(/both CDi_j and CDELT1/);
		expect(refused(tanCards({}, ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2']))).toMatch(/no pixel scale/);
	});

	it('refuses SIP cards that are missing, too high an order, or beyond their order', () => {
		const sip = { CTYPE1: 'RA---TAN-SIP', CTYPE2: 'DEC--TAN-SIP', A_ORDER: 2, B_ORDER: 2, A_2_0: 1e-6, B_0_2: -1e-6 };
		expect(readWcs(header(tanCards(sip)))!.sip!.a.coefficients[2][0]).toBe(1e-6);
		expect(refused(tanCards(sip, ['B_ORDER']))).toMatch(/A_ORDER or B_ORDER is missing/);
		expect(refused(tanCards({ ...sip, A_ORDER: 4 }))).toMatch(/A_ORDER = 4: .* 0..3/);
		expect(refused(tanCards({ ...sip, A_ORDER: 1.5 }))).toMatch(/A_ORDER = 1.5/);
		expect(refused(tanCards({ ...sip, A_2_1: 1e-9 }))).toMatch(/A_2_1 is a term of order 3, above A_ORDER = 2/);
		expect(refused(tanCards({ ...sip, AP_ORDER: 2 }))).toMatch(/only one of AP_ORDER and BP_ORDER/);
		expect(refused(tanCards({ ...sip, B_1_1: 'x' }))).toMatch(/B_1_1 = "x"/);
	});
});

describe('wcsCards', () => {
	const sipWcs: Wcs = {
		...makeWcs({ crval: [359.9, -89.5], crpix: [540.5, 960.5], cd: [[-6.6e-4, 1e-5], [1.2e-5, 6.6e-4]] }),
		lonpole: 170,
		sip: {
			a: { order: 3, coefficients: [[0, 0, 2e-6, 1e-9], [0, -1e-6, 3e-10], [1.5e-6, -2e-10], [4e-10]] },
			b: { order: 3, coefficients: [[0, 0, -1e-6, 2e-10], [0, 2e-6, -1e-10], [-1e-6, 3e-10], [1e-10]] },
			ap: { order: 1, coefficients: [[0, 1e-7], [2e-7]] },
			bp: { order: 1, coefficients: [[0, -1e-7], [3e-7]] }
		}
	};

	it('are read back, through a written FITS header, to the same WCS', () => {
		for (const wcs of [makeWcs({ crval: [12.5, 41.25], crpix: [1, 2], cd: [[-1e-4, 0], [0, 1e-4]] }), sipWcs]) {
			const file = writeFits([{ kind: 'primary', cards: [{ key: 'OBJECT', value: 'test' }, ...wcsCards(wcs)] }]);
			expect(readWcs(parseHeader(file).header)).toEqual(wcs);
		}
	});
});

describe('derived facts', () => {
	const wcs = readWcs(header(tanCards()))!;

	it('pixel scale, rotation east of north and parity of the NGC 7023 frame', () => {
		expect(pixelScale(wcs)).toBeCloseTo(2.3742, 3);
		// +y points along (CD1_2, CD2_2) in (east, north): 57.9° east of north.
		expect(rotation(wcs)).toBeCloseTo((Math.atan2(0.0005586766032592, 0.0003504672443411) * 180) / Math.PI, 12);
		expect(parity(wcs)).toBe('flipped');
	});

	it('rotation runs 0..360 and parity is normal for the sky as seen, east left of north', () => {
		const north = makeWcs({ crval: [0, 0], crpix: [0, 0], cd: [[-1e-3, 0], [0, 1e-3]] });
		expect(rotation(north)).toBe(0);
		expect(parity(north)).toBe('normal');
		const west = makeWcs({ crval: [0, 0], crpix: [0, 0], cd: [[-1e-3, -1e-3], [1e-3, -1e-3]] });
		expect(rotation(west)).toBeCloseTo(225, 12);
	});

	it('footprint: the centres of the corner pixels, in astropy calc_footprint order', () => {
		expect(footprint(wcs, 1080, 1920)).toEqual([
			pixelToSky(wcs, 1, 1),
			pixelToSky(wcs, 1, 1920),
			pixelToSky(wcs, 1080, 1920),
			pixelToSky(wcs, 1080, 1)
		]);
	});
});
