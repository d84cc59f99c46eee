/** The Status page's deletions and re-runs; a refusal throws in the server's words. */
import { ensureOk } from '$lib/api/error-body';

/** Deletes an upload session with its frames, jobs and stacks. */
export async function deleteUploadSession(token: string): Promise<void> {
	await ensureOk(await fetch(`/api/uploads/${encodeURIComponent(token)}`, { method: 'DELETE' }));
}

/** Deletes one of the owner's jobs with its stack. */
export async function deleteOwnJob(id: number): Promise<void> {
	await ensureOk(await fetch(`/api/jobs/${id}/owner`, { method: 'DELETE' }));
}

/** Runs one of the owner's failed jobs again. */
export async function rerunOwnJob(id: number): Promise<void> {
	await ensureOk(await fetch(`/api/jobs/${id}/rerun`, { method: 'POST' }));
}
