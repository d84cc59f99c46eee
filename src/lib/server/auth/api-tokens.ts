/**
 * Personal API tokens for runners and scripts. The secret (`csk_…`) is shown once, at creation;
 * the database keeps its SHA-256 and a short prefix so people can tell their tokens apart.
 */
import { and, desc, eq, isNull, count } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/db/schema';
import { hashToken, randomToken } from './token';
import { sessionUserColumns, toSessionUser } from './user-row';
import { checkTokenName } from './validation';
import type { SessionUser } from './types';

export const API_TOKEN_PREFIX = 'csk_';
/** Characters of the token kept for display: the prefix plus 8 of the secret. */
const DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 8;
/** Enough for a runner on every machine; more is usually forgotten tokens. */
export const MAX_ACTIVE_TOKENS = 20;

export interface ApiTokenSummary {
	id: number;
	name: string;
	prefix: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	/** An operator marked it trusted (`npm run admin -- trust`): its stacks are taken in unchecked. */
	trusted: boolean;
}

export type CreatedApiToken =
	| { ok: true; token: string; summary: ApiTokenSummary }
	| { ok: false; message: string };

export interface BearerAuth {
	user: SessionUser;
	token: { id: number; name: string; trusted: boolean };
}

const summaryColumns = {
	id: apiTokens.id,
	name: apiTokens.name,
	prefix: apiTokens.tokenPrefix,
	createdAt: apiTokens.createdAt,
	lastUsedAt: apiTokens.lastUsedAt,
	trusted: apiTokens.trusted
};

const toSummary = ({ trusted, ...row }: { trusted: number } & Omit<ApiTokenSummary, 'trusted'>): ApiTokenSummary => ({ ...row, trusted: trusted === 1 });

function activeTokensOf(userId: number) {
	return and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt));
}

export async function createApiToken(userId: number, name: string): Promise<CreatedApiToken> {
	const trimmed = name.trim();
	const problem = checkTokenName(trimmed);
	if (problem) return { ok: false, message: problem };

	const db = getDb();
	const [{ active }] = await db
		.select({ active: count() })
		.from(apiTokens)
		.where(activeTokensOf(userId));
	if (active >= MAX_ACTIVE_TOKENS) {
		return {
			ok: false,
			message: `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use first.`
		};
	}

	const token = API_TOKEN_PREFIX + randomToken(32);
	const prefix = token.slice(0, DISPLAY_LENGTH);
	const [{ id }] = await db
		.insert(apiTokens)
		.values({ userId, name: trimmed, tokenHash: hashToken(token), tokenPrefix: prefix })
		.$returningId();
	const [summary] = await db.select(summaryColumns).from(apiTokens).where(eq(apiTokens.id, id));
	return { ok: true, token, summary: toSummary(summary) };
}

/** A user's tokens that still work, newest first. */
export async function listApiTokens(userId: number): Promise<ApiTokenSummary[]> {
	const rows = await getDb()
		.select(summaryColumns)
		.from(apiTokens)
		.where(activeTokensOf(userId))
		.orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
	return rows.map(toSummary);
}

/** Revoke one of the user's own tokens. False when it is not theirs or already revoked. */
export async function revokeApiToken(userId: number, tokenId: number): Promise<boolean> {
	const [result] = await getDb()
		.update(apiTokens)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiTokens.id, tokenId), activeTokensOf(userId)));
	return result.affectedRows === 1;
}

/** Whether a token still lets its user in: not revoked, the account active. */
export async function isApiTokenLive(tokenId: number): Promise<boolean> {
	const [row] = await getDb()
		.select({ id: apiTokens.id })
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt), eq(users.isActive, 1)));
	return row !== undefined;
}

/**
 * The user behind `Authorization: Bearer csk_…`, or null for a missing, unknown or revoked token
 * or an inactive account. Records when the token was last used.
 */
export async function authenticateBearer(request: Request): Promise<BearerAuth | null> {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
	if (!match || !match[1].startsWith(API_TOKEN_PREFIX)) return null;

	const db = getDb();
	const [row] = await db
		.select({
			user: sessionUserColumns,
			token: { id: apiTokens.id, name: apiTokens.name, trusted: apiTokens.trusted }
		})
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(and(eq(apiTokens.tokenHash, hashToken(match[1])), isNull(apiTokens.revokedAt)));
	if (!row || !row.user.isActive) return null;

	await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
	return {
		user: toSessionUser(row.user),
		token: { id: row.token.id, name: row.token.name, trusted: row.token.trusted === 1 }
	};
}
