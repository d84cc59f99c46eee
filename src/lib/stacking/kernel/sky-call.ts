// Pixel → sky and log10 in the kernel: every number a stack file carries must be the same bits in
// a browser tab and in Node, and JS Math's transcendentals are not (memory layout in wasm-stacker/README.md).
import { MAX_SIP_ORDER, type SipPolynomial, type Wcs } from '../../wcs';
import { ensureMemory, type Exports, Layout } from './abi';

/** SIP coefficients as the kernel takes them: [p·4 + q] for u^p v^q, p + q <= 3. */
const SIP_SIDE = 4;

function sipGrid(poly: SipPolynomial | undefined, name: string): number[] {
	const grid = new Array<number>(SIP_SIDE * SIP_SIDE).fill(0);
	if (!poly) return grid;
	if (!Number.isInteger(poly.order) || poly.order < 0 || poly.order > MAX_SIP_ORDER) {
		throw new RangeError(`pixelsToSky: SIP ${name} order ${poly.order} is not supported; supported: 0 to ${MAX_SIP_ORDER}`);
	}
	for (let p = 0; p <= poly.order; p++) {
		for (let q = 0; p + q <= poly.order; q++) {
			const c = poly.coefficients[p]?.[q] ?? 0;
			if (!Number.isFinite(c)) throw new RangeError(`pixelsToSky: SIP ${name}_${p}_${q} = ${c} is not a finite number`);
			grid[p * SIP_SIDE + q] = c;
		}
	}
	return grid;
}

/** The kernel's WCS block (WCS_FIELDS f64, wasm-stacker/assembly/sky/pixels-to-sky.ts). */
function wcsBlock(wcs: Wcs): number[] {
	const { crval, crpix, cd, lonpole } = wcs;
	const linear = [...crval, ...crpix, ...cd.flat(), lonpole];
	if (linear.length !== 9 || !linear.every(Number.isFinite)) {
		throw new RangeError(`pixelsToSky: CRVAL, CRPIX (2 each), CD (2 x 2) and LONPOLE must be finite numbers, got [${linear.join(', ')}]`);
	}
	if (!(Math.abs(crval[1]) <= 90)) throw new RangeError(`pixelsToSky: CRVAL2 ${crval[1]} is not a declination in [-90, 90]`);
	return [...linear, ...sipGrid(wcs.sip?.a, 'A'), ...sipGrid(wcs.sip?.b, 'B')];
}

function checkValues(a: Float64Array, where: string, pairs: boolean): void {
	if (!(a instanceof Float64Array)) throw new TypeError(`${where}: expected a Float64Array`);
	if (pairs && a.length % 2 !== 0) throw new RangeError(`${where}: expected x, y pairs, got ${a.length} numbers`);
	const bad = a.findIndex((v) => !Number.isFinite(v));
	if (bad >= 0) throw new RangeError(`${where}: value ${bad} (${a[bad]}) is not a finite number`);
}

/** (ra, dec) pairs in degrees, RA in [0, 360), of the FITS pixels (x, y pairs, 1-based) in xy. */
export function pixelsToSkyCall(x: Exports, base: number, wcs: Wcs, xy: Float64Array): Float64Array {
	checkValues(xy, 'pixelsToSky', true);
	const block = wcsBlock(wcs);
	const fields = x.WCS_FIELDS.value as number;
	if (block.length !== fields) throw new Error(`pixelsToSky: the kernel takes ${fields} WCS fields, this wrapper writes ${block.length}`);
	const l = new Layout(base);
	const w = l.take(fields * 8);
	const points = l.take(xy.length * 8);
	ensureMemory(x.memory, l.end);
	new Float64Array(x.memory.buffer, w, fields).set(block);
	new Float64Array(x.memory.buffer, points, xy.length).set(xy);
	x.pixelsToSky(w, points, xy.length / 2, points);
	return new Float64Array(x.memory.buffer, points, xy.length).slice();
}

/** log10 of every value, each finite and > 0. */
export function log10Call(x: Exports, base: number, values: Float64Array): Float64Array {
	checkValues(values, 'log10', false);
	const bad = values.findIndex((v) => !(v > 0));
	if (bad >= 0) throw new RangeError(`log10: value ${bad} (${values[bad]}) must be > 0`);
	const l = new Layout(base);
	const at = l.take(values.length * 8);
	ensureMemory(x.memory, l.end);
	new Float64Array(x.memory.buffer, at, values.length).set(values);
	x.log10(at, at, values.length);
	return new Float64Array(x.memory.buffer, at, values.length).slice();
}
