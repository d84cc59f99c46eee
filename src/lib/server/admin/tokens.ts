import { and, asc, eq, isNull, like } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/db/schema';
import { API_TOKEN_PREFIX } from '$lib/server/auth/api-tokens';
import { AdminError } from './admin-error';

export interface TokenRow {
	id: number;
	prefix: string;
	name: string;
	owner: string;
	ownerId: number;
	trusted: boolean;
	lastUsedAt: Date | null;
}

const columns = {
	id: apiTokens.id,
	prefix: apiTokens.tokenPrefix,
	name: apiTokens.name,
	owner: users.username,
	ownerId: users.id,
	trusted: apiTokens.trusted,
	lastUsedAt: apiTokens.lastUsedAt
};

/** The start of a token as the Account page shows it (`csk_` and up to 8 of its characters; a trailing … is dropped). */
const PREFIX = new RegExp(`^${API_TOKEN_PREFIX}[a-z2-7]{1,8}$`);

function activeTokens(db: Db) {
	return db.select(columns).from(apiTokens).innerJoin(users, eq(apiTokens.userId, users.id));
}

const toRow = ({ trusted, ...row }: Omit<TokenRow, 'trusted'> & { trusted: number }): TokenRow => ({ ...row, trusted: trusted === 1 });

/** Every token not revoked, oldest first. */
export async function listTokens(db: Db): Promise<TokenRow[]> {
	const rows = await activeTokens(db).where(isNull(apiTokens.revokedAt)).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
	return rows.map(toRow);
}

/**
 * Marks the one active token starting with `prefix` trusted (or not): its runner's stacks are then
 * taken in without a spot check (README "Trust model"). A prefix that matches no active token, or
 * several, changes nothing and says so.
 */
export async function setTrusted(db: Db, prefix: string, trusted: boolean): Promise<TokenRow> {
	const wanted = prefix.trim().replace(/…$/, '');
	if (!PREFIX.test(wanted)) {
		throw new AdminError(`"${prefix}" is not a token prefix: expected ${API_TOKEN_PREFIX} and up to 8 of the token's characters, as \`npm run admin -- tokens\` lists them`);
	}
	const matches = await activeTokens(db).where(and(isNull(apiTokens.revokedAt), like(apiTokens.tokenPrefix, `${wanted}%`)));
	if (matches.length === 0) throw new AdminError(`no active token starts with ${wanted} (\`npm run admin -- tokens\` lists them)`);
	if (matches.length > 1) {
		throw new AdminError(`${wanted} is ambiguous: ${matches.map((m) => `${m.prefix} (${m.owner})`).join(', ')}; give more characters`);
	}
	const [match] = matches;
	await db.update(apiTokens).set({ trusted: trusted ? 1 : 0 }).where(eq(apiTokens.id, match.id));
	return toRow({ ...match, trusted: trusted ? 1 : 0 });
}
