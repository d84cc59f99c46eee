/** Claims and lease releases read committed rows only: no gap locks, so SKIP LOCKED claimers never wait on each other. */
export const QUEUE_TX = { isolationLevel: 'read committed' } as const;
