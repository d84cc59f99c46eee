/** The per-frame rows of a stacking report (`{ frames: [{ file, status, reason, stars, fwhm, dateObs }] }`), read defensively. */

export interface FrameRow {
	file: string;
	status: 'aligned' | 'rejected';
	reason: string | null;
	stars: number | null;
	fwhm: number | null;
	/** ms since the epoch, or null. */
	time: number | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The report's frames in time order (file order when times are missing); [] for no or a malformed report. */
export function reportFrames(report: unknown): FrameRow[] {
	if (typeof report !== 'object' || report === null || !Array.isArray((report as { frames?: unknown }).frames)) return [];
	const rows: FrameRow[] = [];
	for (const f of (report as { frames: unknown[] }).frames) {
		if (typeof f !== 'object' || f === null) continue;
		const r = f as Record<string, unknown>;
		if (typeof r.file !== 'string') continue;
		const time = typeof r.dateObs === 'string' ? Date.parse(r.dateObs.endsWith('Z') ? r.dateObs : `${r.dateObs}Z`) : NaN;
		rows.push({
			file: r.file,
			status: r.status === 'rejected' ? 'rejected' : 'aligned',
			reason: typeof r.reason === 'string' ? r.reason : null,
			stars: num(r.stars),
			fwhm: num(r.fwhm),
			time: Number.isFinite(time) ? time : null
		});
	}
	return rows.sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || a.file.localeCompare(b.file));
}

/** The reference frame's name, when the report names one. */
export function reportReference(report: unknown): string | null {
	const ref = typeof report === 'object' && report !== null ? (report as { reference?: unknown }).reference : null;
	return typeof ref === 'string' ? ref : null;
}
