/** The stages a job goes through, in order, as the job loop reports them in 'progress' events. */
export const STAGES = ['download', 'open', 'analyse', 'align', 'combine', 'solve', 'write', 'submit'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	download: 'Download',
	open: 'Open',
	analyse: 'Analyse',
	align: 'Align',
	combine: 'Combine',
	solve: 'Solve',
	write: 'Write',
	submit: 'Submit'
};

export interface StageProgress {
	done: number;
	total: number;
}

export function isStage(name: string): name is Stage {
	return (STAGES as readonly string[]).includes(name);
}

/** Every stage at zero. */
export function emptyProgress(): Record<Stage, StageProgress> {
	return Object.fromEntries(STAGES.map((s) => [s, { done: 0, total: 0 }])) as Record<Stage, StageProgress>;
}

/**
 * Progress after an event for `stage`: that stage takes the reported counts, the stages before it
 * are finished (a stage the loop had nothing to report for still ended when the next one began).
 */
export function advance(progress: Record<Stage, StageProgress>, stage: Stage, done: number, total: number): Record<Stage, StageProgress> {
	const next = { ...progress };
	const at = STAGES.indexOf(stage);
	for (const s of STAGES.slice(0, at)) {
		const t = Math.max(1, next[s].total);
		next[s] = { done: t, total: t };
	}
	next[stage] = { done: Math.min(done, total), total };
	return next;
}

