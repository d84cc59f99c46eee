/** The Status page's wire contract: what its load returns and /api/status/stream sends. Plain JSON (dates as ISO strings). */
import type { JobStatus } from './jobs';
import type { UploadStatus } from './uploads';

export interface StatusSnapshot {
	/** A job that failed this many times ends `failed`. */
	maxAttempts: number;
	/** Newest first, at most SNAPSHOT_SESSION_LIMIT of them. */
	sessions: SessionStatus[];
	/** True when the user has older sessions than those listed. */
	more: boolean;
}

export interface SessionStatus {
	token: string;
	status: UploadStatus;
	object: string | null;
	/** Frames uploaded into the session (raw_files rows). */
	frames: number;
	/** Of those, the ones whose raw file is still stored (free and pro raws go once stacked). */
	framesStored: number;
	createdAt: string;
	updatedAt: string;
	completedAt: string | null;
	jobs: JobStatusView[];
}

export interface JobStatusView {
	id: number;
	chunkKey: string;
	object: string | null;
	telescope: string | null;
	frames: number;
	status: JobStatus;
	workerId: string | null;
	/** Failed attempts so far (retry_count). */
	attempts: number;
	lastError: string | null;
	progress: { stage: string; done: number | null; total: number | null } | null;
	startedAt: string | null;
	completedAt: string | null;
	/** The stacked_frames id once the job is completed (null again once the owner deleted the stack). */
	stackId: number | null;
	/** A volunteer's stack came back and waits for a second, independent one that agrees. */
	awaitingConfirmation: boolean;
}
