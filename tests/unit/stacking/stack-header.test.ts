import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/lib/fits/header';
import { parseFitsDate } from '../../../src/lib/stacking/fits-time';
import type { FrameMeta } from '../../../src/lib/stacking/frame-meta';
import { formatCard } from '../../../src/lib/fits/card-format';
import { METHOD_NAME } from '../../../src/lib/stacking/stack-frames';
import { pixelScale, stackHeaderCards } from '../../../src/lib/stacking/stack-header';

const seestar: FrameMeta = {
	exptime: 10,
	object: 'M 94',
	telescop: 'S50_1d3fe189',
	instrume: 'Seestar S50',
	filter: 'IRCUT',
	ra: 193.070835,
	dec: 40.979722,
	ccdTemp: 17.875,
	gain: 80,
	siteLat: 32.8965,
	siteLong: -79.7625,
	xpixsz: 2.90000009536743,
	focallen: 250
};

const unsolved = { solved: false, reason: 'no star catalogue was given to the stacker' } as const;
const at = (iso: string) => parseFitsDate(iso)!;
const value = (cards: Card[], key: string) => cards.find((c) => c.key === key)?.value;

describe('stackHeaderCards', () => {
	const frames: FrameMeta[] = [
		{ ...seestar, start: at('2025-03-27T05:45:12.000000'), ccdTemp: 18 },
		{ ...seestar, start: at('2025-03-27T05:45:00.734589'), ccdTemp: 17 },
		{ ...seestar, start: at('2025-03-27T05:46:04.500000'), exptime: 20, ccdTemp: 19 }
	];
	const cards = stackHeaderCards({ reference: frames[1], aligned: frames, inputCount: 5, method: 'winsorized sigma', fwhmPx: 2, solution: unsolved });

	it('carries the totals, not one frame’s exposure', () => {
		expect(value(cards, 'EXPTIME')).toBe(40);
		expect(value(cards, 'EXPOSURE')).toBe(40);
		expect(value(cards, 'NIMAGES')).toBe(3);
		expect(value(cards, 'OBSTOTAL')).toBe(5);
		expect(value(cards, 'STACKMET')).toBe('winsorized sigma');
	});

	it('names the resampling in STACKMET, on one card', () => {
		expect(METHOD_NAME).toMatch(/; resampling: MHC\+CR$/);
		const card = stackHeaderCards({ reference: frames[0], aligned: frames, inputCount: 3, method: METHOD_NAME, solution: unsolved }).find((c) => c.key === 'STACKMET')!;
		expect(formatCard(card)).toHaveLength(1);
	});

	it('dates the stack from the first start to the last end, whatever the frame order', () => {
		expect(value(cards, 'DATE-OBS')).toBe('2025-03-27T05:45:00.734589');
		expect(value(cards, 'OB-START')).toBe('2025-03-27T05:45:00.734589');
		expect(value(cards, 'OB-END')).toBe('2025-03-27T05:46:24.500000');
		expect(value(cards, 'PROCDATE')).toBe('2025-03-27T05:46:24.500000');
		const override = stackHeaderCards({ reference: frames[0], aligned: frames, inputCount: 3, method: 'm', procDate: '2030-01-01T00:00:00', solution: unsolved });
		expect(value(override, 'PROCDATE')).toBe('2030-01-01T00:00:00');
	});

	it('gives a pixel scale, an FWHM in arcseconds, the mean temperature and the site', () => {
		expect(pixelScale(seestar)).toBeCloseTo((206.265 * 2.9) / 250, 6);
		expect(value(cards, 'PIXSCALE')).toBeCloseTo(2.392674, 5);
		expect(value(cards, 'FWHM')).toBeCloseTo(2 * 2.392674, 2);
		expect(value(cards, 'CCD-TEMP')).toBe(18);
		expect(value(cards, 'SITELAT')).toBe(32.8965);
		expect(value(cards, 'TELESCOP')).toBe('S50_1d3fe189');
	});

	it('never writes BAYERPAT or TOTALEXP, and leaves out what no frame says', () => {
		const keys = cards.map((c) => c.key);
		expect(keys).not.toContain('BAYERPAT');
		expect(keys).not.toContain('TOTALEXP');
		const bare = stackHeaderCards({ reference: {}, aligned: [{}], inputCount: 1, method: 'mean', solution: unsolved });
		expect(bare.map((c) => c.key)).toEqual(['EXPTIME', 'EXPOSURE', 'NIMAGES', 'OBSTOTAL', 'STACKMET', 'PLTSOLVD', 'PLTREASN']);
		expect(value(bare, 'PLTREASN')).toBe(unsolved.reason);
	});

	it('writes an unsolved reason with degrees as printable ASCII, so the file can be written', () => {
		const reason = 'no star pattern matched the catalogue at 12 centres within 2° of the hint (best: 3 bright stars)';
		const cards = stackHeaderCards({ reference: seestar, aligned: [seestar], inputCount: 1, method: 'mean', solution: { solved: false, reason } });
		expect(value(cards, 'PLTREASN')).toBe('no star pattern matched the catalogue at 12 centres within 2 deg of ');
	});

	it('writes a zero point only for the planes measured, with the stars used and the aperture', () => {
		const zp = { aperturePx: 5.123456, used: [3, 8, 9], r: { zp: 17.123456, sigma: 0.04321 }, g: { zp: 17.5, sigma: 0.03 }, b: null };
		const withZp = stackHeaderCards({ reference: seestar, aligned: [seestar], inputCount: 1, method: 'mean', solution: unsolved, zeroPoints: zp });
		const keys = withZp.map((c) => c.key);
		expect(keys.slice(keys.indexOf('ZPR'))).toEqual(['ZPR', 'ZPRSIG', 'ZPG', 'ZPGSIG', 'ZPNSTAR', 'ZPAPER']);
		expect(value(withZp, 'ZPR')).toBe(17.1235);
		expect(value(withZp, 'ZPRSIG')).toBe(0.0432);
		expect(value(withZp, 'ZPNSTAR')).toBe(3);
		expect(value(withZp, 'ZPAPER')).toBe(5.123);
	});
});
