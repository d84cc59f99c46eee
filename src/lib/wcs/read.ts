import type { FitsHeader } from '../fits';
import { WcsError } from './errors';
import type { Sip, SipPolynomial } from './sip';
import { makeWcs, type Matrix2, type Wcs } from './wcs';

/** SIP orders this module reads: the forward A/B up to 3; AP/BP one higher, as astrometry.net writes them. */
export const MAX_SIP_ORDER = 3;
const MAX_INVERSE_ORDER = MAX_SIP_ORDER + 1;

const CTYPES = {
	plain: ['RA---TAN', 'DEC--TAN'],
	sip: ['RA---TAN-SIP', 'DEC--TAN-SIP']
} as const;

/**
 * The celestial TAN WCS of a header, or null when it has none (no CTYPE1 and no CTYPE2). Every
 * card read is checked: its type, its range, and that the forms are not mixed. The scale may be
 * given as CDi_j, as PCi_j with CDELTi, or as CDELTi with CROTA2; all become a CD matrix.
 */
export function readWcs(header: FitsHeader): Wcs | null {
	if (!header.has('CTYPE1') && !header.has('CTYPE2')) return null;
	const ctype1 = text(header, 'CTYPE1');
	const ctype2 = text(header, 'CTYPE2');
	const withSip = ctype1 === CTYPES.sip[0] && ctype2 === CTYPES.sip[1];
	if (!withSip && !(ctype1 === CTYPES.plain[0] && ctype2 === CTYPES.plain[1])) {
		throw new WcsError(
			`CTYPE1 = '${ctype1}', CTYPE2 = '${ctype2}': only the celestial TAN projection is supported, ` +
				`as 'RA---TAN'/'DEC--TAN' or 'RA---TAN-SIP'/'DEC--TAN-SIP'`
		);
	}
	const wcsaxes = optionalNumber(header, 'WCSAXES');
	if (wcsaxes !== undefined && wcsaxes !== 2) throw new WcsError(`WCSAXES = ${wcsaxes}: only 2 world axes are supported`);
	for (const key of ['CUNIT1', 'CUNIT2']) {
		const unit = header.has(key) ? text(header, key) : 'DEG';
		if (unit !== 'DEG') throw new WcsError(`${key} = '${unit}': the celestial axes must be in 'deg'`);
	}
	const ra = number(header, 'CRVAL1');
	const dec = number(header, 'CRVAL2');
	if (dec < -90 || dec > 90) throw new WcsError(`CRVAL2 = ${dec}: a declination must be within -90..90 degrees`);
	const lonpole = optionalNumber(header, 'LONPOLE');
	const sip = withSip ? readSip(header) : undefined;
	return makeWcs({
		crval: [((ra % 360) + 360) % 360, dec],
		crpix: [number(header, 'CRPIX1'), number(header, 'CRPIX2')],
		cd: readCd(header),
		...(lonpole === undefined ? {} : { lonpole }),
		...(sip ? { sip } : {})
	});
}

const CD_KEYS = ['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'];
const PC_KEYS = ['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'];

function readCd(header: FitsHeader): Matrix2 {
	const hasCd = CD_KEYS.some((key) => header.has(key));
	const hasPc = PC_KEYS.some((key) => header.has(key));
	if (hasCd) {
		const mixed = [...PC_KEYS, 'CDELT1', 'CDELT2', 'CROTA2'].filter((key) => header.has(key));
		if (mixed.length > 0) {
			throw new WcsError(`the header gives both CDi_j and ${mixed.join(', ')}; a WCS uses one form (FITS WCS Paper I, 2.1.2)`);
		}
		// Missing CDi_j default to 0 when any is present (Paper I).
		const [a, b, c, d] = CD_KEYS.map((key) => optionalNumber(header, key) ?? 0);
		return [[a, b], [c, d]];
	}
	if (!header.has('CDELT1') || !header.has('CDELT2')) {
		throw new WcsError('the header has no pixel scale: neither CD1_1..CD2_2 nor CDELT1 and CDELT2');
	}
	const s1 = number(header, 'CDELT1');
	const s2 = number(header, 'CDELT2');
	if (hasPc) {
		// PCi_j default to the identity matrix element by element; PC takes precedence over CROTA2.
		const [a, b, c, d] = PC_KEYS.map((key, i) => optionalNumber(header, key) ?? (i === 0 || i === 3 ? 1 : 0));
		return [[s1 * a, s1 * b], [s2 * c, s2 * d]];
	}
	const rho = ((optionalNumber(header, 'CROTA2') ?? 0) * Math.PI) / 180;
	return [
		[s1 * Math.cos(rho), -s2 * Math.sin(rho)],
		[s1 * Math.sin(rho), s2 * Math.cos(rho)]
	];
}

function readSip(header: FitsHeader): Sip {
	const a = readPolynomial(header, 'A', MAX_SIP_ORDER);
	const b = readPolynomial(header, 'B', MAX_SIP_ORDER);
	if (!a || !b) throw new WcsError("CTYPE ends in '-SIP' but A_ORDER or B_ORDER is missing");
	const ap = readPolynomial(header, 'AP', MAX_INVERSE_ORDER);
	const bp = readPolynomial(header, 'BP', MAX_INVERSE_ORDER);
	if (!ap !== !bp) throw new WcsError('the header gives only one of AP_ORDER and BP_ORDER; the inverse SIP needs both');
	return { a, b, ...(ap && bp ? { ap, bp } : {}) };
}

function readPolynomial(header: FitsHeader, name: string, maxOrder: number): SipPolynomial | undefined {
	const order = optionalNumber(header, `${name}_ORDER`);
	if (order === undefined) return undefined;
	if (!Number.isInteger(order) || order < 0 || order > maxOrder) {
		throw new WcsError(`${name}_ORDER = ${order}: a SIP order here is a whole number 0..${maxOrder}`);
	}
	const coefficients: number[][] = [];
	for (let p = 0; p <= order; p++) {
		coefficients.push([]);
		for (let q = 0; p + q <= order; q++) coefficients[p].push(optionalNumber(header, `${name}_${p}_${q}`) ?? 0);
	}
	const term = new RegExp(`^${name}_(\\d+)_(\\d+)$`);
	for (const card of header.cards) {
		const match = term.exec(card.key.toUpperCase());
		if (match && Number(match[1]) + Number(match[2]) > order) {
			throw new WcsError(`${card.key} is a term of order ${Number(match[1]) + Number(match[2])}, above ${name}_ORDER = ${order}`);
		}
	}
	return { order, coefficients };
}

function optionalNumber(header: FitsHeader, key: string): number | undefined {
	return header.has(key) ? number(header, key) : undefined;
}

function number(header: FitsHeader, key: string): number {
	const value = header.get(key);
	if (value === undefined) throw new WcsError(`the WCS card ${key} is missing`);
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new WcsError(`${key} = ${JSON.stringify(value)}: expected a finite number`);
	}
	return value;
}

function text(header: FitsHeader, key: string): string {
	const value = header.get(key);
	if (value === undefined) throw new WcsError(`the WCS card ${key} is missing`);
	if (typeof value !== 'string') throw new WcsError(`${key} = ${JSON.stringify(value)}: expected a string`);
	return value.trim().toUpperCase();
}
