import { count, desc } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import type { StackFilter } from './filter';
import { summaryColumns, toSummary, type StackSummary } from './summary';
import { whereOf } from './where';

const newestFirst = [desc(stackedFrames.dateObsStart), desc(stackedFrames.id)];

/** Every matching stack of the user, newest first: what the sky map and the timeline draw. */
export async function listStackSummaries(userId: number, f: StackFilter): Promise<StackSummary[]> {
	const rows = await getDb().select(summaryColumns).from(stackedFrames).where(whereOf(userId, f)).orderBy(...newestFirst);
	return rows.map(toSummary);
}

/** One page (from 1) of the matching stacks, newest first, and how many match in all: the gallery. */
export async function listStacksPage(
	userId: number,
	f: StackFilter,
	page: number,
	pageSize: number
): Promise<{ items: StackSummary[]; total: number }> {
	const db = getDb();
	const where = whereOf(userId, f);
	const [rows, [{ total }]] = await Promise.all([
		db.select(summaryColumns).from(stackedFrames).where(where).orderBy(...newestFirst).limit(pageSize).offset((page - 1) * pageSize),
		db.select({ total: count() }).from(stackedFrames).where(where)
	]);
	return { items: rows.map(toSummary), total };
}
