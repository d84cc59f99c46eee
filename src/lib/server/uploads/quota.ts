import { overQuota } from '$lib/api/quota';
import { storageUse, type DbOrTx } from '$lib/server/db';
import { ApiError } from '$lib/server/http';

/** 413 with the quota's message when `bytes` more would take the user over their storage limit. */
export async function requireRoom(db: DbOrTx, userId: number, bytes: number, what: string): Promise<void> {
	const refusal = overQuota(await storageUse(db, userId), bytes, what);
	if (refusal) throw new ApiError(413, refusal);
}

/** What a check's files would add: those the user has not stored yet, each content counted once. */
export function newBytes(files: { sha256: string; size: number }[], have: ReadonlySet<string>): number {
	const sizes = new Map<string, number>();
	for (const file of files) if (!have.has(file.sha256)) sizes.set(file.sha256, file.size);
	let total = 0;
	for (const size of sizes.values()) total += size;
	return total;
}
