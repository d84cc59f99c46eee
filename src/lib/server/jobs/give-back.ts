import { eq } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';

/**
 * Puts a held job back in the state it was claimed from, lease dropped and due at once, with no
 * attempt counted: a return, an unconfirmed fail, a refused untrusted stack. `also` adds columns
 * to the same write (the refusal's message).
 */
export async function giveBack(
	tx: DbOrTx,
	job: { id: number; retryCount: number },
	also: { errorMessage?: string | null } = {}
): Promise<'pending' | 'retry'> {
	const status = job.retryCount > 0 ? ('retry' as const) : ('pending' as const);
	await tx
		.update(stackingJobs)
		.set({ ...also, status, leaseTokenHash: null, leaseExpiresAt: null, runAt: null })
		.where(eq(stackingJobs.id, job.id));
	return status;
}
