import { and, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { hashToken } from '$lib/server/auth/token';

/** A stacked_frames row with its storage paths: for the server only, never sent as is. */
export type StackRow = typeof stackedFrames.$inferSelect;

/** The user's own stack `id`, or null (someone else's and a missing one look the same). */
export async function ownStackRow(userId: number, id: number): Promise<StackRow | null> {
	const [row] = await getDb()
		.select()
		.from(stackedFrames)
		.where(and(eq(stackedFrames.id, id), eq(stackedFrames.userId, userId)));
	return row ?? null;
}

/** The stack a share link's token opens, or null (unknown, malformed, or revoked). */
export async function sharedStackRow(token: string): Promise<StackRow | null> {
	if (!/^[a-z2-7]{20,80}$/.test(token)) return null;
	const [row] = await getDb().select().from(stackedFrames).where(eq(stackedFrames.shareTokenHash, hashToken(token)));
	return row ?? null;
}
