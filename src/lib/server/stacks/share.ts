import { and, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { hashToken, randomToken } from '$lib/server/auth/token';

/**
 * A new share link for the user's stack (any earlier link stops working): its path `/s/<token>`,
 * or null when the stack is not theirs. Only the token's SHA-256 is stored, like API tokens. The
 * link's FITS carries the site's location only when the owner chose `location`.
 */
export async function shareStack(userId: number, id: number, { location = false } = {}): Promise<string | null> {
	const token = randomToken(32);
	const [result] = await getDb()
		.update(stackedFrames)
		.set({ shareTokenHash: hashToken(token), shareLocation: location ? 1 : 0 })
		.where(and(eq(stackedFrames.id, id), eq(stackedFrames.userId, userId)));
	return result.affectedRows === 1 ? `/s/${token}` : null;
}

/** Revokes the stack's share link; false when the stack is not the user's. */
export async function unshareStack(userId: number, id: number): Promise<boolean> {
	const [result] = await getDb()
		.update(stackedFrames)
		.set({ shareTokenHash: null })
		.where(and(eq(stackedFrames.id, id), eq(stackedFrames.userId, userId)));
	return result.affectedRows === 1;
}
