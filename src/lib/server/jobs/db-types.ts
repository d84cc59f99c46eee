import type { Db } from '$lib/server/db';

/** The database or a transaction on it: verbs that run inside a caller's transaction take either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Claims and lease releases read committed rows only: no gap locks, so SKIP LOCKED claimers never wait on each other. */
export const QUEUE_TX = { isolationLevel: 'read committed' } as const;
