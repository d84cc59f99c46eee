import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db/types';
import { volunteerStanding } from '$lib/server/db/schema';

export interface Standing {
	/** Results the kernel's spot check confirmed. */
	verified: number;
	/** Results the spot check or an accepted stack contradicted. */
	disagreed: number;
	/** Fails no independent volunteer confirmed. */
	failed: number;
}

const NONE: Standing = { verified: 0, disagreed: 0, failed: 0 };

export async function standingOf(db: DbOrTx, userId: number): Promise<Standing> {
	const [row] = await db
		.select({ verified: volunteerStanding.verified, disagreed: volunteerStanding.disagreed, failed: volunteerStanding.failed })
		.from(volunteerStanding)
		.where(eq(volunteerStanding.userId, userId));
	return row ?? NONE;
}

/** Adds one to a count of the volunteer's record. */
export async function countStanding(db: DbOrTx, userId: number, what: keyof Standing): Promise<void> {
	const column = volunteerStanding[what];
	await db
		.insert(volunteerStanding)
		.values({ userId, [what]: 1 })
		.onDuplicateKeyUpdate({ set: { [what]: sql`${column} + 1`, updatedAt: sql`CURRENT_TIMESTAMP` } });
}

/**
 * A volunteer whose record is mostly fails and disagreements is served after everyone else: a
 * disagreement weighs like three fails, and a clean record earns that many back.
 */
export function servedLast(s: Standing): boolean {
	return 3 * s.disagreed + s.failed > s.verified + 3;
}
