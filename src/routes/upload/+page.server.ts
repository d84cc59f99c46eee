import { and, desc, eq } from 'drizzle-orm';
import { requireUser } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { uploadSessions } from '$lib/server/db/schema';
import { userCadence } from '$lib/server/uploads/cadence';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const db = getDb();
	// The newest session still taking files: a reload of this page carries on with it.
	const [open] = await db
		.select({ token: uploadSessions.sessionToken })
		.from(uploadSessions)
		.where(and(eq(uploadSessions.userId, user.id), eq(uploadSessions.status, 'uploading')))
		.orderBy(desc(uploadSessions.id))
		.limit(1);
	const storage = { usedMb: user.storageUsedMb, limitMb: user.storageLimitMb };
	return { cadence: await userCadence(db, user.id), tier: user.tier, openToken: open?.token ?? null, storage };
};
