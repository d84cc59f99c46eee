/**
 * The upload API's wire contract (/api/uploads): what the Upload page sends and reads, and the
 * limits both ends apply. Plain types and constants only.
 */
import type { JobStatus } from './jobs';

export const UPLOAD_STATUSES = ['uploading', 'complete', 'failed', 'expired'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** Largest file accepted (a Seestar frame is about 4 MB): the browser refuses before sending, the server on receipt. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Most files one `check` request may name (a night is 1,000-3,000 frames). */
export const MAX_CHECK_FILES = 5000;

/** A stored frame of a session. */
export interface UploadedFile {
	id: number;
	name: string;
	size: number;
	sha256: string;
	chunkKey: string | null;
	telescope: string | null;
}

/** A stacking job a session's finalize made. */
export interface SessionJob {
	id: number;
	chunkKey: string;
	telescope: string | null;
	object: string | null;
	frameCount: number;
	status: JobStatus;
}

/** GET /api/uploads/:token: the session with its stored files and jobs, what a reloaded Upload page resumes from. */
export interface UploadSessionView {
	token: string;
	status: UploadStatus;
	fileCount: number;
	totalSizeMb: number;
	files: UploadedFile[];
	jobs: SessionJob[];
}

/** POST /api/uploads. */
export interface CreatedSession {
	token: string;
	id: number;
}

/** POST /api/uploads/:token/check: a batch of files by hash; answers `{ have }`, the hashes already stored. */
export interface CheckRequest {
	files: Array<{ name: string; size: number; sha256: string }>;
}

/** PUT /api/uploads/:token/files: one stored (or recognised) frame. */
export interface ReceivedFile {
	id: number;
	name: string;
	sha256: string;
	chunkKey: string | null;
	/** This user already had the file (any session): nothing new was stored. */
	duplicate: boolean;
}

/** POST /api/uploads/:token/finalize. */
export interface FinalizeResult {
	jobs: SessionJob[];
	created: number;
}
