import { MAX_REPORT_BYTES } from '$lib/api/jobs';
import { formatMb } from '$lib/format';
import { ApiError, readForm, wholeNumber } from '$lib/server/http';

export interface Submission {
	stack: Uint8Array;
	report: unknown;
	cpuMs: number;
	/** SHA-256 per verification band of the stack (stackBandHashes), as the worker computed them. */
	bands: string[];
}

/** More bands than any stack of a frame up to 65,535 rows has: a bound on what is parsed. */
const MAX_BANDS = 4096;
const HASH = /^[0-9a-f]{64}$/;

/**
 * The completion form: `stack` (FITS file), `report` (JSON text), `cpuMs` (number), `bands` (JSON
 * array of hex SHA-256, one per verification band). 400 when a part
 * is missing; 413 for a report over MAX_REPORT_BYTES, before anything is stored or charged.
 */
export async function parseSubmission(request: Request): Promise<Submission> {
	const form = await readForm(request, 'parts stack (file), report (JSON) and cpuMs');
	const stack = form.get('stack');
	if (!(stack instanceof Blob) || stack.size === 0) throw new ApiError(400, 'the part "stack" must be the stacked FITS file');
	const reportText = form.get('report');
	if (typeof reportText !== 'string') throw new ApiError(400, 'the part "report" must be the stacking report as JSON text');
	const reportBytes = Buffer.byteLength(reportText);
	if (reportBytes > MAX_REPORT_BYTES) {
		throw new ApiError(413, `the report is ${formatMb(reportBytes)}; at most ${formatMb(MAX_REPORT_BYTES)} is accepted: send the stacking report only`);
	}
	let report: unknown;
	try {
		report = JSON.parse(reportText);
	} catch {
		throw new ApiError(400, 'the part "report" is not valid JSON');
	}
	const cpuMs = wholeNumber(form.get('cpuMs'), 'cpuMs', 0, Number.MAX_SAFE_INTEGER);
	const bands = parseBands(form.get('bands'));
	return { stack: new Uint8Array(await stack.arrayBuffer()), report, cpuMs, bands };
}

function parseBands(text: FormDataEntryValue | null): string[] {
	const shape = 'the part "bands" must be a JSON array of hex SHA-256 strings, one per 32-row band of the stack';
	if (typeof text !== 'string' || text.length > MAX_BANDS * 70) throw new ApiError(400, shape);
	let bands: unknown;
	try {
		bands = JSON.parse(text);
	} catch {
		throw new ApiError(400, shape);
	}
	if (!Array.isArray(bands) || bands.length === 0 || !bands.every((b) => typeof b === 'string' && HASH.test(b))) throw new ApiError(400, shape);
	return bands as string[];
}
