import type { Card } from '../fits/header';
import { solutionCards, type SolveResult } from '../solve';
import { formatFitsDate } from './fits-time';
import type { FrameMeta } from './frame-meta';
import type { PlaneZeroPoint, ZeroPoints } from './zero-point';

/** arcsec per radian / 1000: pixel scale in arcsec = this * pixel size (µm) / focal length (mm). */
const ARCSEC_PER_MICRON_PER_MM = 206.265;

export interface StackHeaderInput {
	reference: FrameMeta;
	/** Aligned frames, in input order. */
	aligned: FrameMeta[];
	/** Frames given to the stacker, aligned or not. */
	inputCount: number;
	method: string;
	/** Median FWHM of the stars on the stack, pixels. */
	fwhmPx?: number;
	/** PROCDATE override; default: OB-END, so the same inputs always give the same header. */
	procDate?: string;
	/** The Solve stage's plate solution (solved or not, with the reason). */
	solution: SolveResult;
	/** Photometric zero points; undefined when not solved or not measurable (no FWHM or exposure). */
	zeroPoints?: ZeroPoints;
}

/** Arcseconds per pixel from the pixel size (µm) and focal length (mm), when both are known. */
export function pixelScale(meta: FrameMeta): number | undefined {
	return meta.xpixsz && meta.focallen ? (ARCSEC_PER_MICRON_PER_MM * meta.xpixsz) / meta.focallen : undefined;
}

/**
 * The stack's PRIMARY header, in the layout downstream readers expect. It is built from scratch,
 * never copied from a frame: a frame's TOTALEXP or BAYERPAT would make readers take the stack for
 * a raw camera file.
 */
export function stackHeaderCards(input: StackHeaderInput): Card[] {
	const { reference: ref, aligned } = input;
	const exposure = round(aligned.reduce((sum, f) => sum + (f.exptime ?? 0), 0), 6);
	const starts = aligned.filter((f) => f.start !== undefined).map((f) => f.start!);
	const ends = aligned.filter((f) => f.start !== undefined).map((f) => f.start! + (f.exptime ?? 0) * 1e6);
	const first = starts.length ? formatFitsDate(Math.min(...starts)) : undefined;
	const last = ends.length ? formatFitsDate(Math.max(...ends)) : undefined;
	const temps = aligned.filter((f) => f.ccdTemp !== undefined).map((f) => f.ccdTemp!);
	const scale = pixelScale(ref);

	const cards: (Card | false)[] = [
		ref.object !== undefined && { key: 'OBJECT', value: ref.object, comment: 'name of the object imaged' },
		ref.telescop !== undefined && { key: 'TELESCOP', value: ref.telescop, comment: 'telescope of the reference frame' },
		ref.instrume !== undefined && { key: 'INSTRUME', value: ref.instrume, comment: 'camera model' },
		ref.filter !== undefined && { key: 'FILTER', value: ref.filter, comment: 'filter used' },
		ref.ra !== undefined && { key: 'RA', value: ref.ra, comment: '[deg] commanded RA of the reference frame' },
		ref.dec !== undefined && { key: 'DEC', value: ref.dec, comment: '[deg] commanded Dec of the reference frame' },
		first !== undefined && { key: 'DATE-OBS', value: first, comment: 'UTC start of the first stacked exposure' },
		first !== undefined && { key: 'OB-START', value: first, comment: 'UTC start of the first stacked exposure' },
		last !== undefined && { key: 'OB-END', value: last, comment: 'UTC end of the last stacked exposure' },
		{ key: 'EXPTIME', value: exposure, comment: '[s] total exposure of the stacked frames' },
		{ key: 'EXPOSURE', value: exposure, comment: '[s] total exposure of the stacked frames' },
		{ key: 'NIMAGES', value: aligned.length, comment: 'frames stacked' },
		{ key: 'OBSTOTAL', value: input.inputCount, comment: 'frames given to the stacker' },
		{ key: 'STACKMET', value: input.method, comment: 'rejection, combination, resampling' },
		(input.procDate ?? last) !== undefined && {
			key: 'PROCDATE',
			value: (input.procDate ?? last)!,
			comment: input.procDate ? 'UTC processing date' : 'end of the last exposure (deterministic)'
		},
		temps.length > 0 && { key: 'CCD-TEMP', value: round(mean(temps), 4), comment: '[C] mean sensor temperature' },
		ref.gain !== undefined && { key: 'GAIN', value: ref.gain, comment: 'camera gain setting' },
		ref.xpixsz !== undefined && { key: 'XPIXSZ', value: ref.xpixsz, comment: '[um] pixel size' },
		ref.focallen !== undefined && { key: 'FOCALLEN', value: ref.focallen, comment: '[mm] focal length' },
		scale !== undefined && { key: 'PIXSCALE', value: round(scale, 6), comment: '[arcsec/px] pixel scale' },
		scale !== undefined && input.fwhmPx !== undefined && {
			key: 'FWHM',
			value: round(input.fwhmPx * scale, 3),
			comment: '[arcsec] median FWHM of the stars in the stack'
		},
		ref.siteLat !== undefined && { key: 'SITELAT', value: ref.siteLat, comment: '[deg] latitude of the site' },
		ref.siteLong !== undefined && { key: 'SITELONG', value: ref.siteLong, comment: '[deg] longitude of the site' }
	];
	return [...cards.filter((c): c is Card => c !== false), ...solutionCards(input.solution), ...zeroPointCards(input.zeroPoints)];
}

/** ZPR/ZPG/ZPB and their scatter (each only when measured), the stars used and the aperture. */
function zeroPointCards(zp: ZeroPoints | undefined): Card[] {
	if (!zp) return [];
	const plane = (key: string, colour: string, p: PlaneZeroPoint | null): Card[] =>
		p
			? [
					{ key, value: round(p.zp, 4), comment: `[mag] VT = ${key} - 2.5 log10(${colour} ADU / EXPTIME)` },
					{ key: `${key}SIG`, value: round(p.sigma, 4), comment: `[mag] robust scatter of the stars' ${key}` }
				]
			: [];
	return [
		...plane('ZPR', 'RED', zp.r),
		...plane('ZPG', 'GREEN', zp.g),
		...plane('ZPB', 'BLUE', zp.b),
		{ key: 'ZPNSTAR', value: zp.used.length, comment: 'matched stars the zero points use' },
		{ key: 'ZPAPER', value: round(zp.aperturePx, 3), comment: '[pixel] aperture radius of the zero points' }
	];
}

function mean(values: number[]): number {
	return values.reduce((a, b) => a + b, 0) / values.length;
}

function round(v: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
}
