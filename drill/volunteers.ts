// The drill's accounts: registered through the form from the network each will work from (the
// registration is the first sighting of an account's network), with API tokens made as the
// account page makes them and, for an operator's own machines, marked trusted.
import { eq, inArray } from 'drizzle-orm';
import { register } from '../bench/jobs-e2e';
import { createApiToken } from '../src/lib/server/auth/api-tokens';
import { closeDb, type Db } from '../src/lib/server/db';
import { apiTokens, users } from '../src/lib/server/db/schema';
import { fetchFrom } from './local-address';

export interface Account {
	username: string;
	userId: number;
	cookie: string;
	/** The client address it registered from and works from; undefined: 127.0.0.1, the default. */
	localAddress?: string;
	tokens: string[];
}

export async function newAccount(
	{ baseUrl, db, databaseUrl }: { baseUrl: string; db: Db; databaseUrl: string },
	{ prefix, localAddress, tokens = 0, trusted = false }: { prefix: string; localAddress?: string; tokens?: number; trusted?: boolean }
): Promise<Account> {
	const { username, cookie } = await register(baseUrl, prefix, localAddress ? fetchFrom(localAddress) : fetch);
	const [userId] = await idsOf(db, [username]);
	return { username, userId, cookie, localAddress, tokens: await apiTokensOf(db, databaseUrl, userId, tokens, trusted) };
}

/** `n` API tokens of the user, marked trusted by an operator when `trusted`. */
async function apiTokensOf(db: Db, databaseUrl: string, userId: number, n: number, trusted: boolean): Promise<string[]> {
	if (n === 0) return [];
	// createApiToken uses the process-wide database: point it at the drill's, then close it again.
	const previous = process.env.DATABASE_URL;
	await closeDb();
	process.env.DATABASE_URL = databaseUrl;
	try {
		const tokens: string[] = [];
		for (let i = 0; i < n; i++) {
			const created = await createApiToken(userId, `drill runner ${i + 1}`);
			if (!created.ok) throw new Error(`API token for user ${userId}: ${created.message}`);
			if (trusted) await db.update(apiTokens).set({ trusted: 1 }).where(eq(apiTokens.id, created.summary.id));
			tokens.push(created.token);
		}
		return tokens;
	} finally {
		await closeDb();
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
	}
}

export async function idsOf(db: Db, usernames: string[]): Promise<number[]> {
	const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
	return usernames.map((name) => {
		const row = rows.find((r) => r.username === name);
		if (!row) throw new Error(`no user ${name}`);
		return row.id;
	});
}
