import { refuse } from './refuse';

export interface ReportFacts {
	/** Names of the frames the report says were aligned, in its order. */
	aligned: string[];
}

/**
 * The report's shape (`{ reference, frames: [{ file, status: 'aligned' | 'rejected' }], counts }`)
 * and that it lists exactly the job's frames, each once.
 */
export function validateReport(report: unknown, frameNames: string[]): ReportFacts {
	if (!isRecord(report) || !Array.isArray(report.frames)) {
		throw refuse('the report must be an object with a "frames" array of { file, status }');
	}
	const seen = new Set<string>();
	const aligned: string[] = [];
	report.frames.forEach((frame, i) => {
		if (!isRecord(frame) || typeof frame.file !== 'string' || (frame.status !== 'aligned' && frame.status !== 'rejected')) {
			throw refuse(`report frames[${i}] is not { file: string, status: "aligned" | "rejected" }`);
		}
		if (seen.has(frame.file)) throw refuse(`the report lists frame ${JSON.stringify(frame.file)} twice`);
		seen.add(frame.file);
		if (frame.status === 'aligned') aligned.push(frame.file);
	});
	const expected = new Set(frameNames);
	const unknown = [...seen].filter((name) => !expected.has(name));
	const missing = frameNames.filter((name) => !seen.has(name));
	if (unknown.length > 0 || missing.length > 0) {
		throw refuse(
			`the report's frames are not this job's: ${unknown.length ? `unknown ${JSON.stringify(unknown)}` : ''}` +
				`${unknown.length && missing.length ? ', ' : ''}${missing.length ? `missing ${JSON.stringify(missing)}` : ''}`
		);
	}
	if (isRecord(report.counts)) {
		const { input, aligned: count } = report.counts;
		if (input !== frameNames.length || count !== aligned.length) {
			throw refuse(`report counts { input: ${input}, aligned: ${count} } disagree with its frames (${frameNames.length}, ${aligned.length})`);
		}
	}
	if (aligned.length === 0) throw refuse('the report has no aligned frame');
	return { aligned };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
