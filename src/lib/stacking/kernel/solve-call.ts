// The plate solver's call: lays out the star and catalogue lists, the parameters, the scratch and
// the result from the heap base, calls `solve`, reads the result (memory layout in wasm-stacker/README.md).
import type { KernelMatch, KernelSolveInput, KernelSolveOutput } from '../types';
import { ensureMemory, type Exports, Layout, SOLVE_STATUS } from './abi';

function checkSolveInput(input: KernelSolveInput): void {
	const { stars, catalog, width, height, scale, hint, fieldRadius, spacing, widenRadius } = input;
	if (!(stars instanceof Float64Array) || stars.length % 2 !== 0) throw new TypeError('solve: stars must be a Float64Array of x, y pairs');
	if (!(catalog instanceof Float64Array) || catalog.length % 2 !== 0) throw new TypeError('solve: catalog must be a Float64Array of ra, dec pairs');
	if (!stars.every(Number.isFinite) || !catalog.every(Number.isFinite)) throw new RangeError('solve: every star and catalogue coordinate must be finite');
	if (!Number.isInteger(width) || width < 8 || !Number.isInteger(height) || height < 8) {
		throw new RangeError(`solve: image size ${width} x ${height} is not supported; both sides must be integers >= 8`);
	}
	if (!(scale > 0 && scale < 3600)) throw new RangeError(`solve: scale ${scale}″/px must be in (0, 3600)`);
	if (!(Math.abs(hint.dec) <= 90 && Number.isFinite(hint.ra))) throw new RangeError(`solve: hint (${hint.ra}, ${hint.dec}) is not a sky position`);
	if (!(fieldRadius > 0 && fieldRadius < 30)) throw new RangeError(`solve: field radius ${fieldRadius}° must be in (0, 30)`);
	if (!(spacing > 0) || !(widenRadius >= 0 && widenRadius < 30)) throw new RangeError(`solve: spacing ${spacing}° must be positive and the widening radius ${widenRadius}° in [0, 30)`);
}

export function solveCall(x: Exports, base: number, input: KernelSolveInput): KernelSolveOutput {
	checkSolveInput(input);
	const nd = input.stars.length / 2;
	const nc = input.catalog.length / 2;
	const outFields = x.SOLVE_OUT_FIELDS.value as number;
	const pairFields = x.SOLVE_PAIR_FIELDS.value as number;
	const l = new Layout(base);
	const det = l.take(nd * 16);
	const cat = l.take(nc * 16);
	const params = l.take((x.SOLVE_PARAMS.value as number) * 8);
	const scratch = l.take(x.solveScratchBytes(nd, nc));
	const out = l.take((outFields + pairFields * Math.min(nd, nc)) * 8);
	ensureMemory(x.memory, l.end);
	const buf = x.memory.buffer;
	new Float64Array(buf, det, nd * 2).set(input.stars);
	new Float64Array(buf, cat, nc * 2).set(input.catalog);
	const { width, height, scale, hint, fieldRadius, spacing, widenRadius } = input;
	new Float64Array(buf, params, 8).set([width, height, scale, hint.ra, hint.dec, fieldRadius, spacing, widenRadius]);
	const status = x.solve(det, nd, cat, nc, params, scratch, out);
	// field numbers as wasm-stacker/assembly/solve/result.ts writes them
	const o = new Float64Array(x.memory.buffer, out, outFields);
	const sip = (at: number) => [0, 1, 2, 3].map((p) => Array.from(o.subarray(at + p * 4, at + p * 4 + 4)));
	const solved = status === 0;
	const matches = o[12];
	const pairs = new Float64Array(x.memory.buffer, out + outFields * 8, solved ? matches * pairFields : 0);
	const matched: KernelMatch[] = [];
	for (let k = 0; k < pairs.length; k += pairFields) matched.push({ star: pairs[k], catalog: pairs[k + 1], distArcsec: pairs[k + 2] });
	return {
		status: SOLVE_STATUS[status],
		centresTried: o[1],
		verified: o[16],
		bestInliers: o[15],
		logOdds: o[11],
		matches,
		rmsArcsec: o[13],
		scale: o[14],
		fieldStars: o[17],
		order: o[10],
		crval: [o[2], o[3]],
		crpix: [o[4], o[5]],
		cd: [
			[o[6], o[7]],
			[o[8], o[9]]
		],
		sipA: sip(21),
		sipB: sip(37),
		matched
	};
}
