#!/usr/bin/env node
/**
 * `npm run admin -- <command>`: an operator's chores against DATABASE_URL (as for the server):
 * list API tokens and mark them trusted or not, list accounts, set a quota. `npm run admin` alone
 * prints the commands. The code is TypeScript in src/lib/server/admin; tsx loads it.
 */
import { register } from 'tsx/esm/api';

register();
const { adminCommand } = await import('../src/lib/server/admin/index.ts');
const { closeDb, getDb } = await import('../src/lib/server/db/index.ts');
try {
	process.exitCode = await adminCommand(process.argv.slice(2), getDb(), process);
} catch (error) {
	// The database away or unmigrated: its own words (drizzle wraps them in the failed query), not a stack.
	const cause = /** @type {{ cause?: Error }} */ (error).cause ?? /** @type {Error} */ (error);
	console.error(`error: ${cause.message}`);
	process.exitCode = 1;
} finally {
	await closeDb();
}
