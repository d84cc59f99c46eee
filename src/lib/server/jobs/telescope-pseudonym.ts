import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ScrubOptions } from '$lib/fits';
import type { DbOrTx } from '$lib/server/db';
import { uploadSessions } from '$lib/server/db/schema';

/**
 * How frames are scrubbed for volunteers: TELESCOP (on a Seestar, the telescope's serial, which
 * would link an observer's jobs over time) becomes an HMAC keyed by the upload session's secret
 * token. Every frame of a job (one session, one telescope) carries the same pseudonym, so the
 * kernel sees one telescope as before; two sessions of one observer are not linkable. Its inputs
 * are known while an upload streams in, so the hash of the served bytes is still made then and
 * a claim reads no frame.
 */
export function volunteerScrubbing(sessionToken: string): Required<ScrubOptions> {
	return { telescope: (real) => `CS-${createHmac('sha256', sessionToken).update(real).digest('hex').slice(0, 12)}` };
}

/** The scrubbing of the frames of upload session `uploadSessionId` (a job's). */
export async function sessionScrubbing(db: DbOrTx, uploadSessionId: number): Promise<Required<ScrubOptions>> {
	const [row] = await db.select({ token: uploadSessions.sessionToken }).from(uploadSessions).where(eq(uploadSessions.id, uploadSessionId));
	if (!row) throw new Error(`upload session ${uploadSessionId} is gone`);
	return volunteerScrubbing(row.token);
}
