/**
 * sin, cos, atan2 and log10 in IEEE basic arithmetic only (fdlibm's algorithms, as musl has them),
 * so they give the same bits in every JavaScript engine. Math's transcendental functions do not:
 * Node 20 and Chromium differ in the last bit for a few percent of arguments, and a stack's bytes
 * (STAR-TAB ra/dec, the WCS numbers, the zero points) must be the same wherever it is made, or
 * the server's rebuild of an honest browser's stack would not match. Accurate to about 1 ulp.
 */

const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
	view.setFloat64(0, x);
	return view.getUint32(0);
}

function withHighWord(x: number, hi: number): number {
	view.setFloat64(0, x);
	view.setUint32(0, hi >>> 0);
	return view.getFloat64(0);
}

function lowWordCleared(x: number): number {
	view.setFloat64(0, x);
	view.setUint32(4, 0);
	return view.getFloat64(0);
}

// π/2 in two parts: the first has 33 significant bits, so n·PIO2_1 is exact for |n| < 2^20.
const PIO2_1 = 1.57079632673412561417e0;
const PIO2_1T = 6.07710050650619224932e-11;
const INV_PIO2 = 6.36619772367581382433e-1;

/** x = n·π/2 + y0 + y1 with |y0| ≲ π/4; for |x| < 2^20 (any angle a WCS meets). */
function reduce(x: number): [number, number, number] {
	if (!(Math.abs(x) < 2 ** 20)) throw new RangeError(`portable sin/cos: |x| = ${Math.abs(x)} is beyond 2^20`);
	const n = Math.round(x * INV_PIO2);
	const r = x - n * PIO2_1;
	const w = n * PIO2_1T;
	const y0 = r - w;
	return [n, y0, r - y0 - w];
}

function kernelSin(x: number, y: number): number {
	const S1 = -1.66666666666666324348e-1;
	const S2 = 8.33333333332248946124e-3;
	const S3 = -1.98412698298579493134e-4;
	const S4 = 2.75573137070700676789e-6;
	const S5 = -2.50507602534068634195e-8;
	const S6 = 1.58969099521155010221e-10;
	const z = x * x;
	const v = z * x;
	const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
	return x - (z * (0.5 * y - v * r) - y - v * S1);
}

function kernelCos(x: number, y: number): number {
	const C1 = 4.16666666666666019037e-2;
	const C2 = -1.38888888888741095749e-3;
	const C3 = 2.48015872894767294178e-5;
	const C4 = -2.75573143513906633035e-7;
	const C5 = 2.08757232129817482790e-9;
	const C6 = -1.13596475577881948265e-11;
	const z = x * x;
	const w = z * z;
	const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
	const hz = 0.5 * z;
	const one = 1 - hz;
	return one + (1 - one - hz + (z * r - x * y));
}

export function sin(x: number): number {
	if (!Number.isFinite(x)) return NaN;
	const [n, y0, y1] = reduce(x);
	switch (((n % 4) + 4) % 4) {
		case 0:
			return kernelSin(y0, y1);
		case 1:
			return kernelCos(y0, y1);
		case 2:
			return -kernelSin(y0, y1);
		default:
			return -kernelCos(y0, y1);
	}
}

export function cos(x: number): number {
	if (!Number.isFinite(x)) return NaN;
	const [n, y0, y1] = reduce(x);
	switch (((n % 4) + 4) % 4) {
		case 0:
			return kernelCos(y0, y1);
		case 1:
			return -kernelSin(y0, y1);
		case 2:
			return -kernelCos(y0, y1);
		default:
			return kernelSin(y0, y1);
	}
}

const ATAN_HI = [4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1, 1.57079632679489655800e0];
const ATAN_LO = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17];
const AT = [
	3.33333333333329318027e-1, -1.99999999998764832476e-1, 1.42857142725034663711e-1, -1.1111110405462355788e-1, 9.09088713343650656196e-2,
	-7.69187620504482999495e-2, 6.66107313738753120669e-2, -5.83357013379057348645e-2, 4.97687799461593236017e-2, -3.6531572744216915527e-2,
	1.62858201153657823623e-2
];

export function atan(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const negative = x < 0;
	let a = Math.abs(x);
	if (a >= 2 ** 66) return negative ? -(ATAN_HI[3] + ATAN_LO[3]) : ATAN_HI[3] + ATAN_LO[3];
	let id: number;
	if (a < 0.4375) {
		if (a < 2 ** -27) return x;
		id = -1;
	} else if (a < 1.1875) {
		if (a < 0.6875) {
			id = 0;
			a = (2 * a - 1) / (2 + a);
		} else {
			id = 1;
			a = (a - 1) / (a + 1);
		}
	} else if (a < 2.4375) {
		id = 2;
		a = (a - 1.5) / (1 + 1.5 * a);
	} else {
		id = 3;
		a = -1 / a;
	}
	const z = a * a;
	const w = z * z;
	const s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
	const s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
	if (id < 0) return x - x * (s1 + s2);
	const r = ATAN_HI[id] - (a * (s1 + s2) - ATAN_LO[id] - a);
	return negative ? -r : r;
}

const PI = 3.141592653589793116e0;
const PI_LO = 1.2246467991473531772e-16;

const signBit = (v: number) => v < 0 || Object.is(v, -0);

export function atan2(y: number, x: number): number {
	if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
	if (x === 1) return atan(y);
	const m = (signBit(y) ? 1 : 0) | (signBit(x) ? 2 : 0);
	if (y === 0) return m === 2 ? PI : m === 3 ? -PI : y;
	if (x === 0) return m & 1 ? -PI / 2 : PI / 2;
	if (!Number.isFinite(x)) {
		if (!Number.isFinite(y)) return [PI / 4, -PI / 4, (3 * PI) / 4, (-3 * PI) / 4][m];
		return [0, -0, PI, -PI][m];
	}
	if (!Number.isFinite(y)) return m & 1 ? -PI / 2 : PI / 2;
	const ratio = Math.abs(y / x);
	if (ratio > 2 ** 64) return m & 1 ? -PI / 2 : PI / 2;
	const z = m & 2 && ratio < 2 ** -64 ? 0 : atan(ratio);
	switch (m) {
		case 0:
			return z;
		case 1:
			return -z;
		case 2:
			return PI - (z - PI_LO);
		default:
			return z - PI_LO - PI;
	}
}

const IVLN10HI = 4.34294481878168880939e-1;
const IVLN10LO = 2.50829467116452752298e-11;
const LOG10_2HI = 3.01029995663611771306e-1;
const LOG10_2LO = 3.69423907715893078616e-13;
const LG = [6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1];

export function log10(x: number): number {
	if (Number.isNaN(x) || x < 0) return NaN;
	if (x === 0) return -Infinity;
	if (x === Infinity) return Infinity;
	if (x === 1) return 0;
	let k = 0;
	if (x < 2 ** -1022) {
		// Subnormal: scale into the normal range first.
		k -= 54;
		x *= 2 ** 54;
	}
	let hx = highWord(x) + (0x3ff00000 - 0x3fe6a09e);
	k += (hx >>> 20) - 0x3ff;
	hx = (hx & 0x000fffff) + 0x3fe6a09e;
	const f = withHighWord(x, hx) - 1;
	const hfsq = 0.5 * f * f;
	const s = f / (2 + f);
	const z = s * s;
	const w = z * z;
	const t1 = w * (LG[1] + w * (LG[3] + w * LG[5]));
	const t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])));
	const r = t2 + t1;
	const hi = lowWordCleared(f - hfsq);
	const lo = f - hi - hfsq + s * (hfsq + r);
	let valHi = hi * IVLN10HI;
	const y = k * LOG10_2HI;
	let valLo = k * LOG10_2LO + (lo + hi) * IVLN10LO + lo * IVLN10HI;
	const sum = y + valHi;
	valLo += y - sum + valHi;
	valHi = sum;
	return valLo + valHi;
}
