import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { stackedFrames as sf } from '$lib/server/db/schema';
import type { StackFilter } from './filter';
import { objectCondition } from './object-match';

/** The SQL condition of a user's stacks matching `f`; every branch leads with user_id for the indexes. */
export function whereOf(userId: number, f: StackFilter): SQL {
	const parts: (SQL | undefined)[] = [eq(sf.userId, userId)];
	if (f.object) parts.push(objectCondition(f.object));
	if (f.telescope) parts.push(eq(sf.telescope, f.telescope));
	if (f.filter) parts.push(eq(sf.filterName, f.filter));
	// Overlap of the observing span with [from, to]; a stack without an end ends where it starts.
	if (f.to) parts.push(lte(sf.dateObsStart, f.to));
	if (f.from) parts.push(gte(sql`COALESCE(${sf.dateObsEnd}, ${sf.dateObsStart})`, f.from));
	if (f.decMin !== undefined) parts.push(gte(sf.decDeg, f.decMin));
	if (f.decMax !== undefined) parts.push(lte(sf.decDeg, f.decMax));
	if (f.raMin !== undefined && f.raMax !== undefined && f.raMin > f.raMax) {
		parts.push(or(gte(sf.raDeg, f.raMin), lte(sf.raDeg, f.raMax)));
	} else {
		if (f.raMin !== undefined) parts.push(gte(sf.raDeg, f.raMin));
		if (f.raMax !== undefined) parts.push(lte(sf.raDeg, f.raMax));
	}
	if (f.healpix) parts.push(f.healpix.length ? inArray(sf.healpix, f.healpix) : sql`FALSE`);
	return and(...parts)!;
}
