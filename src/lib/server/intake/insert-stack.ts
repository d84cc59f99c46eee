import { healpixRing, HEALPIX_NSIDE } from '$lib/chunks';
import { chargeStorage, type DbOrTx } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';

/** A stacked_frames row as both intakes describe it; the HEALPix pixel is derived here. */
export type NewStack = Omit<typeof stackedFrames.$inferInsert, 'id' | 'healpix' | 'createdAt' | 'shareTokenHash'>;

/**
 * The one stacked_frames insert, inside the caller's transaction: the row (its NSIDE 128 RING
 * pixel from ra/dec) and the owner charged for what its stored objects weigh. Returns the row id.
 */
export async function insertStack(tx: DbOrTx, stack: NewStack, storedBytes: number): Promise<number> {
	const { raDeg, decDeg } = stack;
	const healpix = raDeg != null && decDeg != null ? healpixRing(HEALPIX_NSIDE, raDeg, decDeg) : null;
	const [{ id }] = await tx.insert(stackedFrames).values({ ...stack, healpix }).$returningId();
	await chargeStorage(tx, stack.userId, storedBytes);
	return id;
}
