import { decodeToFloat32, FitsError, readHdus, readImageHdu, type FitsHeader, type Hdu } from '$lib/fits';
import { parseFitsDate } from '$lib/stacking/fits-time';
import { refuse } from './refuse';

/** What the job's frames say the stack must be. */
export interface StackExpectation {
	width: number;
	height: number;
	frameCount: number;
	/** Frames the report lists as aligned: their exposures (s) must add up to EXPTIME. */
	aligned: { exptime: number | null }[];
	/** DATE-OBS of the first frame and the end of the last (ms since 1970 UTC). */
	span: { start: number; end: number };
}

export interface StackFacts {
	header: FitsHeader;
	width: number;
	height: number;
	nimages: number;
	exptime: number;
	/** OB-START and OB-END, ms since 1970 UTC. */
	start: number;
	end: number;
	stars: number;
	planes: { r: Float32Array; g: Float32Array; b: Float32Array };
	/** Frames covering each pixel (FOOTPRINT). */
	footprint: Float32Array;
}

/** DATE-OBS is stored to the second: this much slack around the frames' span. */
const SPAN_SLACK_MS = 1000;
/** The largest value of 16-bit camera data; a plausible stack's median lies in [0, this]. */
const MAX_16_BIT = 65535;

/**
 * Checks a returned stack: the HDU layout (empty PRIMARY, float32 RED/GREEN/BLUE and FOOTPRINT of
 * the frames' size, STAR-TAB), the PRIMARY header's totals against the job's frames, and finite,
 * plausible pixels wherever FOOTPRINT says frames cover. Throws a 422 ApiError naming the problem.
 */
export function validateStack(bytes: Uint8Array, expect: StackExpectation): StackFacts {
	let hdus: Hdu[];
	try {
		hdus = readHdus(bytes);
	} catch (error) {
		if (error instanceof FitsError) throw refuse(`not a readable FITS file: ${error.message}`);
		throw error;
	}
	const primary = hdus[0];
	if (primary.dataLength !== 0) throw refuse(`the PRIMARY HDU must be empty (it holds ${primary.dataLength} data bytes)`);
	const byName = new Map(hdus.slice(1).map((hdu) => [hdu.header.string('EXTNAME')?.toUpperCase() ?? '', hdu]));
	const planes = (['RED', 'GREEN', 'BLUE'] as const).map((name) => plane(bytes, byName.get(name), name, expect, -32));
	const footprint = plane(bytes, byName.get('FOOTPRINT'), 'FOOTPRINT', expect);
	const table = byName.get('STAR-TAB');
	if (!table || table.header.string('XTENSION') !== 'BINTABLE') throw refuse('there is no STAR-TAB binary table extension');
	const stars = table.header.number('NAXIS2') ?? 0;

	const header = primary.header;
	const totals = checkTotals(header, expect);
	checkPixels(planes, footprint);
	return { header, width: expect.width, height: expect.height, ...totals, stars, planes: { r: planes[0], g: planes[1], b: planes[2] }, footprint };
}

function plane(bytes: Uint8Array, hdu: Hdu | undefined, name: string, expect: StackExpectation, bitpix?: number): Float32Array {
	if (!hdu) throw refuse(`there is no ${name} image extension`);
	const h = hdu.header;
	const [w, hgt] = [h.number('NAXIS1'), h.number('NAXIS2')];
	if (h.number('NAXIS') !== 2 || w !== expect.width || hgt !== expect.height) {
		throw refuse(`${name} is ${w ?? '?'} x ${hgt ?? '?'}; the job's frames are ${expect.width} x ${expect.height}`);
	}
	if (bitpix !== undefined && h.number('BITPIX') !== bitpix) throw refuse(`${name} has BITPIX ${h.number('BITPIX')}; float32 (BITPIX -32) is required`);
	try {
		return decodeToFloat32(readImageHdu(bytes, hdu, name));
	} catch (error) {
		if (error instanceof FitsError) throw refuse(`${name}: ${error.message}`);
		throw error;
	}
}

function checkTotals(header: FitsHeader, expect: StackExpectation) {
	const nimages = header.number('NIMAGES');
	if (nimages === undefined || !Number.isInteger(nimages) || nimages < 1 || nimages > expect.frameCount) {
		throw refuse(`NIMAGES = ${nimages ?? 'missing'}; it must be a whole number from 1 to the job's ${expect.frameCount} frames`);
	}
	if (nimages !== expect.aligned.length) throw refuse(`NIMAGES = ${nimages} but the report lists ${expect.aligned.length} aligned frames`);
	const obstotal = header.number('OBSTOTAL');
	if (obstotal !== expect.frameCount) throw refuse(`OBSTOTAL = ${obstotal ?? 'missing'}; the job has ${expect.frameCount} frames`);
	if (header.has('TOTALEXP')) throw refuse('the header has TOTALEXP, which marks a raw camera frame; a stack must not carry it');
	if (header.has('BAYERPAT')) throw refuse('the header has BAYERPAT; a stack is already demosaicked');
	const exptime = header.number('EXPTIME');
	const total = expect.aligned.reduce((sum, f) => sum + (f.exptime ?? 0), 0);
	// The frames' exposures are FLOAT columns: allow their rounding, not a missing frame.
	if (exptime === undefined || Math.abs(exptime - total) > Math.max(1e-3, total * 1e-6)) {
		throw refuse(`EXPTIME = ${exptime ?? 'missing'}; the aligned frames add up to ${total} s`);
	}
	const start = parseFitsDate(header.string('OB-START'));
	const end = parseFitsDate(header.string('OB-END'));
	if (start === undefined || end === undefined) {
		throw refuse(`OB-START ${JSON.stringify(header.string('OB-START'))} and OB-END ${JSON.stringify(header.string('OB-END'))} must be FITS dates (YYYY-MM-DDThh:mm:ss)`);
	}
	const [startMs, endMs] = [start / 1000, end / 1000];
	const { span } = expect;
	if (startMs > endMs || startMs < span.start - SPAN_SLACK_MS || endMs > span.end + SPAN_SLACK_MS) {
		throw refuse(
			`OB-START..OB-END (${header.string('OB-START')} .. ${header.string('OB-END')}) lies outside the frames' ` +
				`${new Date(span.start).toISOString()} .. ${new Date(span.end).toISOString()}`
		);
	}
	return { nimages, exptime, start: startMs, end: endMs };
}

function checkPixels(planes: Float32Array[], footprint: Float32Array): void {
	const names = ['RED', 'GREEN', 'BLUE'];
	planes.forEach((values, c) => {
		const covered: number[] = [];
		for (let i = 0; i < values.length; i++) {
			if (!(footprint[i] > 0)) continue;
			if (!Number.isFinite(values[i])) throw refuse(`${names[c]} pixel ${i} is ${values[i]} where FOOTPRINT says frames cover it`);
			covered.push(values[i]);
		}
		if (covered.length === 0) throw refuse('FOOTPRINT covers no pixel');
		const sorted = Float64Array.from(covered).sort();
		const median = sorted[sorted.length >> 1];
		if (!(median >= 0 && median <= MAX_16_BIT)) throw refuse(`${names[c]} median ${median} is outside the 16-bit range 0..${MAX_16_BIT}`);
		if (sorted[0] === sorted[sorted.length - 1]) throw refuse(`${names[c]} is ${sorted[0]} everywhere: not an image`);
	});
}
