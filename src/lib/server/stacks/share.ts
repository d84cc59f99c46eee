import { and, eq } from 'drizzle-orm';
import type { ShareLinkEnding } from '$lib/api/stacks';
import { getDb, type DbOrTx } from '$lib/server/db';
import { endedShareLinks, stackedFrames } from '$lib/server/db/schema';
import { hashToken, randomToken } from '$lib/server/auth/token';
import { ApiError } from '$lib/server/http';
import { sharedStackRow, type StackRow } from './stack-row';

export type ShareResult = { url: string } | 'not-found' | 'already-shared';

/**
 * A share link for the user's stack: its path `/s/<token>`. When the stack already has one, only
 * with `replace` (the old link then tells its visitors it was replaced). Only the token's SHA-256 is
 * stored, like API tokens. The link's FITS carries the site's location only when the owner chose
 * `location`.
 */
export async function shareStack(userId: number, id: number, { location = false, replace = false } = {}): Promise<ShareResult> {
	const token = randomToken(32);
	return getDb().transaction(async (tx) => {
		const row = await lockedShareHash(tx, userId, id);
		if (!row) return 'not-found';
		if (row.hash !== null && !replace) return 'already-shared';
		if (row.hash !== null) await endShareLink(tx, row.hash, 'replaced');
		await tx
			.update(stackedFrames)
			.set({ shareTokenHash: hashToken(token), shareLocation: location ? 1 : 0 })
			.where(eq(stackedFrames.id, id));
		return { url: `/s/${token}` };
	});
}

/** Revokes the stack's share link; false when the stack is not the user's. */
export async function unshareStack(userId: number, id: number): Promise<boolean> {
	return getDb().transaction(async (tx) => {
		const row = await lockedShareHash(tx, userId, id);
		if (!row) return false;
		if (row.hash !== null) {
			await endShareLink(tx, row.hash, 'revoked');
			await tx.update(stackedFrames).set({ shareTokenHash: null }).where(eq(stackedFrames.id, id));
		}
		return true;
	});
}

/** The user's stack's current share hash, its row locked until the transaction ends; null when not theirs. */
async function lockedShareHash(tx: DbOrTx, userId: number, id: number): Promise<{ hash: string | null } | null> {
	const [row] = await tx
		.select({ hash: stackedFrames.shareTokenHash })
		.from(stackedFrames)
		.where(and(eq(stackedFrames.id, id), eq(stackedFrames.userId, userId)))
		.for('update');
	return row ?? null;
}

/** Remembers why a link stopped working (a token's hash ends once: a second ending keeps the first). */
export async function endShareLink(tx: DbOrTx, hash: string, reason: ShareLinkEnding): Promise<void> {
	await tx.insert(endedShareLinks).values({ tokenHash: hash, reason }).onDuplicateKeyUpdate({ set: { tokenHash: hash } });
}

const ENDED: Record<ShareLinkEnding, string> = {
	revoked: 'Its owner revoked this share link.',
	replaced: 'Its owner replaced this share link with a new one: ask them for the new link.',
	deleted: 'Its owner deleted the stack this link shared.'
};

/** What a visitor of a link that opens no stack is told: 410 and why when it once worked, else 404. */
export async function missingShareLink(token: string): Promise<{ status: 404 | 410; message: string }> {
	if (/^[a-z2-7]{20,80}$/.test(token)) {
		const [ended] = await getDb()
			.select({ reason: endedShareLinks.reason })
			.from(endedShareLinks)
			.where(eq(endedShareLinks.tokenHash, hashToken(token)));
		if (ended) return { status: 410, message: ENDED[ended.reason] };
	}
	return { status: 404, message: 'This share link does not exist.' };
}

/** The stack a share link opens, or the ApiError its visitor gets (see missingShareLink). */
export async function requireSharedStackRow(token: string): Promise<StackRow> {
	const row = await sharedStackRow(token);
	if (row) return row;
	const { status, message } = await missingShareLink(token);
	throw new ApiError(status, message);
}
