import type { Tier } from '$lib/server/db/schema';

/** The logged-in user as pages and endpoints see it (`event.locals.user`): no secrets. */
export interface SessionUser {
	id: number;
	username: string;
	email: string;
	tier: Tier;
	storageUsedMb: number;
	storageLimitMb: number;
	createdAt: Date;
}

/** A login session (`event.locals.session`). Its id is the SHA-256 of the cookie token. */
export interface LoginSession {
	id: string;
	userId: number;
	expiresAt: Date;
}
