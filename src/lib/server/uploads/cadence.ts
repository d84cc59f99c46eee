import { eq } from 'drizzle-orm';
import type { Cadence } from '$lib/chunks';
import { getDb, type DbOrTx } from '$lib/server/db';
import { users, type Tier } from '$lib/server/db/schema';

export const FREE_CADENCE: Cadence = 15;
/** Windows a tier may choose, in minutes. */
export function cadencesFor(tier: Tier): Cadence[] {
	return tier === 'pro' ? [15, 3, 1] : [FREE_CADENCE];
}

/** The stored choice if the tier allows it (a pro user who became free is back at 15 min). */
export function effectiveCadence(tier: Tier, storedMinutes: number): Cadence {
	return cadencesFor(tier).find((c) => c === storedMinutes) ?? FREE_CADENCE;
}

/** The user's chunk window; with `lock`, the users row stays locked until the transaction ends. */
export async function userCadence(db: DbOrTx, userId: number, { lock = false } = {}): Promise<Cadence> {
	const query = db
		.select({ tier: users.tier, minutes: users.chunkCadenceMin })
		.from(users)
		.where(eq(users.id, userId));
	const [row] = lock ? await query.for('update') : await query;
	if (!row) throw new Error(`user ${userId} does not exist`);
	return effectiveCadence(row.tier, row.minutes);
}

export type SetCadenceResult = { ok: true; cadence: Cadence } | { ok: false; message: string };

/** Stores a new chunk window if the user's tier offers it. */
export async function setCadence(userId: number, tier: Tier, minutes: unknown): Promise<SetCadenceResult> {
	const allowed = cadencesFor(tier);
	const cadence = allowed.find((c) => String(c) === String(minutes).trim());
	if (cadence === undefined) {
		const choices = allowed.map((c) => `${c}`).join(', ');
		const extra = tier === 'pro' ? '' : '; 3 and 1 minutes are part of the pro tier';
		return { ok: false, message: `A chunk window of ${String(minutes)} minutes is not available: choose ${choices}${extra}` };
	}
	await getDb().update(users).set({ chunkCadenceMin: cadence }).where(eq(users.id, userId));
	return { ok: true, cadence };
}
