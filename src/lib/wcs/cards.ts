import type { Card } from '../fits';
import type { SipPolynomial } from './sip';
import { defaultLonpole } from './tan';
import type { Wcs } from './wcs';

/**
 * The header cards of a WCS in CD form, for `setPrimaryCards` or `writeFits`; `readWcs` reads
 * them back to the same numbers. A header that already holds PCi_j, CDELTi or CROTA2 must lose
 * them first: readWcs refuses the two forms mixed.
 */
export function wcsCards(wcs: Wcs): Card[] {
	const suffix = wcs.sip ? '-SIP' : '';
	const cards: Card[] = [
		{ key: 'CTYPE1', value: `RA---TAN${suffix}`, comment: 'gnomonic projection' },
		{ key: 'CTYPE2', value: `DEC--TAN${suffix}`, comment: 'gnomonic projection' },
		{ key: 'CUNIT1', value: 'deg' },
		{ key: 'CUNIT2', value: 'deg' },
		{ key: 'CRVAL1', value: wcs.crval[0], comment: '[deg] RA at the reference pixel' },
		{ key: 'CRVAL2', value: wcs.crval[1], comment: '[deg] Dec at the reference pixel' },
		{ key: 'CRPIX1', value: wcs.crpix[0], comment: 'reference pixel, 1-based' },
		{ key: 'CRPIX2', value: wcs.crpix[1], comment: 'reference pixel, 1-based' },
		{ key: 'CD1_1', value: wcs.cd[0][0], comment: '[deg/px]' },
		{ key: 'CD1_2', value: wcs.cd[0][1], comment: '[deg/px]' },
		{ key: 'CD2_1', value: wcs.cd[1][0], comment: '[deg/px]' },
		{ key: 'CD2_2', value: wcs.cd[1][1], comment: '[deg/px]' }
	];
	if (wcs.lonpole !== defaultLonpole(wcs.crval[1])) cards.push({ key: 'LONPOLE', value: wcs.lonpole, comment: '[deg]' });
	if (wcs.sip) {
		cards.push(...polynomialCards('A', wcs.sip.a), ...polynomialCards('B', wcs.sip.b));
		if (wcs.sip.ap && wcs.sip.bp) cards.push(...polynomialCards('AP', wcs.sip.ap), ...polynomialCards('BP', wcs.sip.bp));
	}
	return cards;
}

/** The order card and every non-zero term (absent terms read back as 0). */
function polynomialCards(name: string, poly: SipPolynomial): Card[] {
	const cards: Card[] = [{ key: `${name}_ORDER`, value: poly.order }];
	poly.coefficients.forEach((row, p) =>
		row.forEach((value, q) => {
			if (value !== 0) cards.push({ key: `${name}_${p}_${q}`, value });
		})
	);
	return cards;
}
