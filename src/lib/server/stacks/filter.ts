import { HEALPIX_NSIDE } from '$lib/chunks';
import { ApiError, wholeNumber } from '$lib/server/http';

/** What the Stacks page (and the data API) filters on; every field optional, all must hold. */
export interface StackFilter {
	/** A part of the object name, case-insensitive. */
	object?: string;
	/** Stacks whose observing span overlaps [from, to]. */
	from?: Date;
	to?: Date;
	telescope?: string;
	filter?: string;
	/** An RA/Dec box in degrees; raMin > raMax is a box across RA 0°. */
	raMin?: number;
	raMax?: number;
	decMin?: number;
	decMax?: number;
	/** NSIDE 128 RING pixels: stacks whose centre lies in one of them. */
	healpix?: number[];
}

/** More pixels than this in one query is a map of the sky, not a tile: ask by RA/Dec box. */
export const MAX_HEALPIX_PIXELS = 1000;
const PIXELS = 12 * HEALPIX_NSIDE * HEALPIX_NSIDE;

/** The filter from query parameters (object, from, to, telescope, filter, raMin…decMax, healpix, nside); 400 on a bad value. */
export function parseStackFilter(params: URLSearchParams): StackFilter {
	const f: StackFilter = {};
	const object = text(params, 'object', 255);
	if (object) f.object = object;
	const telescope = text(params, 'telescope', 64);
	if (telescope) f.telescope = telescope;
	const filter = text(params, 'filter', 32);
	if (filter) f.filter = filter;
	f.from = date(params, 'from');
	f.to = date(params, 'to');
	if (f.from && f.to && f.from > f.to) throw new ApiError(400, `from ${params.get('from')} is after to ${params.get('to')}`);
	f.raMin = number(params, 'raMin', 0, 360);
	f.raMax = number(params, 'raMax', 0, 360);
	f.decMin = number(params, 'decMin', -90, 90);
	f.decMax = number(params, 'decMax', -90, 90);
	if (f.decMin !== undefined && f.decMax !== undefined && f.decMin > f.decMax) {
		throw new ApiError(400, `decMin ${f.decMin} is above decMax ${f.decMax}`);
	}
	f.healpix = healpix(params);
	for (const key of Object.keys(f) as (keyof StackFilter)[]) if (f[key] === undefined) delete f[key];
	return f;
}

/** `page` (from 1) and `pageSize` (1–200, default 50) of a paged list. */
export function parsePage(params: URLSearchParams): { page: number; pageSize: number } {
	const page = whole(params, 'page', 1, 1_000_000) ?? 1;
	const pageSize = whole(params, 'pageSize', 1, 200) ?? 50;
	return { page, pageSize };
}

function text(params: URLSearchParams, key: string, max: number): string | undefined {
	const value = params.get(key)?.trim();
	if (!value) return undefined;
	if (value.length > max) throw new ApiError(400, `${key} is ${value.length} characters long; at most ${max} are allowed`);
	return value;
}

function date(params: URLSearchParams, key: string): Date | undefined {
	const value = params.get(key)?.trim();
	if (!value) return undefined;
	// A bare date is that day's start (UTC); anything else must be ISO 8601 with a time zone or none (UTC).
	const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
	const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?/.test(value) ? Date.parse(iso) : NaN;
	if (!Number.isFinite(ms)) throw new ApiError(400, `${key} ${JSON.stringify(value)} is not a date: use ISO 8601 (2025-03-27 or 2025-03-27T05:45:00Z)`);
	return new Date(ms);
}

function number(params: URLSearchParams, key: string, min: number, max: number): number | undefined {
	const value = params.get(key)?.trim();
	if (!value) return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min || n > max) throw new ApiError(400, `${key} ${JSON.stringify(value)} must be a number from ${min} to ${max}`);
	return n;
}

function whole(params: URLSearchParams, key: string, min: number, max: number): number | undefined {
	const value = params.get(key)?.trim();
	return value ? wholeNumber(value, key, min, max) : undefined;
}

function healpix(params: URLSearchParams): number[] | undefined {
	const nside = params.get('nside')?.trim();
	if (nside && Number(nside) !== HEALPIX_NSIDE) {
		throw new ApiError(400, `nside ${JSON.stringify(nside)} is not supported: stacks are indexed at nside ${HEALPIX_NSIDE} (RING)`);
	}
	const value = params.get('healpix')?.trim();
	if (!value) return undefined;
	const parts = value.split(',').map((p) => p.trim());
	if (parts.length > MAX_HEALPIX_PIXELS) throw new ApiError(400, `${parts.length} HEALPix pixels in one query; at most ${MAX_HEALPIX_PIXELS}`);
	return parts.map((p) => {
		const n = Number(p);
		if (p === '' || !Number.isInteger(n) || n < 0 || n >= PIXELS) {
			throw new ApiError(400, `healpix ${JSON.stringify(p)} is not a pixel: nside ${HEALPIX_NSIDE} RING pixels are 0 to ${PIXELS - 1}`);
		}
		return n;
	});
}
