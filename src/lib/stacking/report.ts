import type { Affine } from './match';
import type { FrameReport, ReportTransform, StackReport, StageTiming } from './types';

/** Thrown when no frame can be stacked; the report still says why each frame was rejected. */
export class StackError extends Error {
	readonly report: StackReport;

	constructor(message: string, report: StackReport) {
		super(message);
		this.name = 'StackError';
		this.report = report;
	}
}

export function emptyFrameReport(file: string): FrameReport {
	return {
		file,
		status: 'rejected',
		reason: null,
		stars: null,
		fwhm: null,
		transform: null,
		exptime: null,
		dateObs: null,
		rms: null,
		matches: null,
		transparency: null,
		scale: null,
		weight: null,
		background: null,
		noise: null,
		hotPixels: null
	};
}

export function reportTransform(t: Affine): ReportTransform {
	return [
		[t[0], t[1], t[2]],
		[t[3], t[4], t[5]]
	];
}

export function stageTiming(ms: number, frames: number): StageTiming {
	return { ms: round(ms), perFrameMs: round(frames > 0 ? ms / frames : 0) };
}

function round(ms: number): number {
	return Math.round(ms * 100) / 100;
}

/** One line per rejected frame: "name: reason". */
export function rejectionLines(report: StackReport): string[] {
	return report.frames.filter((f) => f.status === 'rejected').map((f) => `${f.file}: ${f.reason}`);
}
