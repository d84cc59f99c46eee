#!/usr/bin/env node
/**
 * `npm run sweep`: expires upload sessions left `uploading` for 24 h once, now (the server also
 * does this every hour), and prints what it did. DATABASE_URL and RAW_STORAGE as for the server.
 * The code is TypeScript in src/lib/server/uploads; tsx loads it (and the tsconfig `$lib` paths).
 */
import { register } from 'tsx/esm/api';

register();
const { expireStaleSessions } = await import('../src/lib/server/uploads/expire.ts');
const { closeDb } = await import('../src/lib/server/db/index.ts');
try {
	const { sessions, files, failed } = await expireStaleSessions();
	console.log(
		`Sweep: ${sessions.length} upload session(s) expired${sessions.length ? ` (ids ${sessions.join(', ')})` : ''}, ` +
			`${files} raw file(s) marked deleted, ${failed.length} folder(s) could not be removed.`
	);
	for (const { prefix, error } of failed) console.error(`  ${prefix}: ${error}`);
	if (failed.length > 0) process.exitCode = 1;
} finally {
	await closeDb();
}
