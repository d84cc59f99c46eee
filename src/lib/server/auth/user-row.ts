import { users, type User } from '$lib/server/db/schema';
import type { SessionUser } from './types';

/** The `users` columns a SessionUser is built from; select them with `.select(sessionUserColumns)`. */
export const sessionUserColumns = {
	id: users.id,
	username: users.username,
	email: users.email,
	tier: users.tier,
	storageUsedMb: users.storageUsedMb,
	storageLimitMb: users.storageLimitMb,
	createdAt: users.createdAt,
	isActive: users.isActive
};

type SessionUserRow = Pick<User, keyof typeof sessionUserColumns>;

/** DECIMAL columns arrive as strings from mysql2; pages want numbers. */
export function toSessionUser(row: SessionUserRow): SessionUser {
	return {
		id: row.id,
		username: row.username,
		email: row.email,
		tier: row.tier,
		storageUsedMb: Number(row.storageUsedMb),
		storageLimitMb: Number(row.storageLimitMb),
		createdAt: row.createdAt
	};
}
