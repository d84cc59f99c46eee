import { count, desc } from 'drizzle-orm';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { getDb, type Db } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import type { StackFilter } from './filter';
import type { StackSummary } from '$lib/api/stacks';
import { summaryColumns, toSummary, type SummaryRow } from './summary';
import { whereOf } from './where';

const newestFirst = [desc(stackedFrames.dateObsStart), desc(stackedFrames.id)];

const summaryFields = Object.entries(summaryColumns).map(([key, column]) => [key, column.name] as const);

/**
 * Every matching stack of the user, newest first: what the sky map and the timeline draw. With
 * 10,000 stacks drizzle's per-field type casting and row mapping took more time than the query,
 * so the query drizzle builds runs on its pool directly (DATETIMEs come as UTC Dates: the pool is
 * UTC) and the rows are read by column name.
 */
export async function listStackSummaries(userId: number, f: StackFilter): Promise<StackSummary[]> {
	const db = getDb();
	const { sql, params } = db.select(summaryColumns).from(stackedFrames).where(whereOf(userId, f)).orderBy(...newestFirst).toSQL();
	const [rows] = await (db as Db & { $client: Pool }).$client.query<RowDataPacket[]>(sql, params);
	return rows.map((values) => {
		const row = {} as Record<string, unknown>;
		for (const [key, name] of summaryFields) row[key] = values[name];
		return toSummary(row as SummaryRow);
	});
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
