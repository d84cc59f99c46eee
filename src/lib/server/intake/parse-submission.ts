import { MAX_REPORT_BYTES } from '$lib/api/jobs';
import { formatMb } from '$lib/format';
import { ApiError, readForm, wholeNumber } from '$lib/server/http';

export interface Submission {
	stack: Uint8Array;
	report: unknown;
	cpuMs: number;
}

/**
 * The completion form: `stack` (FITS file), `report` (JSON text), `cpuMs` (number). 400 when a part
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
	return { stack: new Uint8Array(await stack.arrayBuffer()), report, cpuMs };
}
