import { and, count, eq, sum } from 'drizzle-orm';
import type { VolunteerTotals } from '$lib/api/jobs';
import { getDb } from '$lib/server/db';
import { jobResults } from '$lib/server/db/schema';

/** A volunteer's totals over their accepted results. */
export async function computeStats(userId: number): Promise<VolunteerTotals> {
	const [row] = await getDb()
		.select({ jobs: count(), frames: sum(jobResults.frames), cpuMs: sum(jobResults.cpuMs) })
		.from(jobResults)
		.where(and(eq(jobResults.userId, userId), eq(jobResults.accepted, 1)));
	return { jobs: Number(row?.jobs ?? 0), frames: Number(row?.frames ?? 0), cpuMs: Number(row?.cpuMs ?? 0) };
}
