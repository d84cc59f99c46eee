/**
 * Login sessions the way Lucia's guide builds them: the cookie holds a random token, the
 * database holds only its SHA-256, and a session slides forward while it is being used.
 */
import { and, eq, gt } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { sessions, users } from '$lib/server/db/schema';
import { hashToken, randomToken } from './token';
import { sessionUserColumns, toSessionUser } from './user-row';
import type { LoginSession, SessionUser } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lives this long after its last renewal. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used with less than this left is renewed to the full lifetime. */
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;

export type SessionValidation =
	| { session: LoginSession; user: SessionUser }
	| { session: null; user: null };

export function generateSessionToken(): string {
	return randomToken(20);
}

export async function createSession(token: string, userId: number): Promise<LoginSession> {
	const session: LoginSession = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await getDb().insert(sessions).values(session);
	return session;
}

/** The session and user behind a cookie token, or nulls; expired sessions are deleted. */
export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const db = getDb();
	const sessionId = hashToken(token);
	const [row] = await db
		.select({ user: sessionUserColumns, session: sessions })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId));
	if (!row || !row.user.isActive) return { session: null, user: null };

	const session: LoginSession = {
		id: row.session.id,
		userId: row.session.userId,
		expiresAt: row.session.expiresAt
	};
	const now = Date.now();
	if (now >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, session.id));
		return { session: null, user: null };
	}
	if (session.expiresAt.getTime() - now < SESSION_RENEW_BELOW_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db
			.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, session.id));
	}
	return { session, user: toSessionUser(row.user) };
}

/** Whether a session still lets its user in: not logged out, not expired, the account active. */
export async function isSessionLive(sessionId: string): Promise<boolean> {
	const [row] = await getDb()
		.select({ id: sessions.id })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), eq(users.isActive, 1)));
	return row !== undefined;
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}

/** Log a user out everywhere (e.g. after a password change or deactivation). */
export async function invalidateUserSessions(userId: number): Promise<void> {
	await getDb().delete(sessions).where(eq(sessions.userId, userId));
}
