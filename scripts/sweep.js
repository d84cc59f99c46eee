#!/usr/bin/env node
/**
 * `npm run sweep`: the server's hourly sweep once, now, printing what it did: upload sessions left
 * `uploading` for 24 h expire; stored stacks never plate-solved are solved (20 a run); partial writes over an hour old, stored frames no row names after
 * 24 h, and raws of accepted stacks that a crash left undeleted are removed. DATABASE_URL,
 * RAW_STORAGE and STACK_STORAGE as for the server. The code is TypeScript in
 * src/lib/server/uploads; tsx loads it (and the tsconfig `$lib` paths).
 */
import { register } from 'tsx/esm/api';

register();
const { describeSweep, sweepAll } = await import('../src/lib/server/uploads/sweep.ts');
const { closeDb } = await import('../src/lib/server/db/index.ts');
const { closeVerifyPool } = await import('../src/lib/server/verify/kernel-pool.ts');
try {
	const report = await sweepAll();
	console.log(describeSweep(report));
	for (const { prefix, error } of report.expired.failed) console.error(`  ${prefix}: ${error}`);
	for (const failure of report.failed) console.error(`  ${failure}`);
	if (report.expired.failed.length > 0 || report.failed.length > 0) process.exitCode = 1;
} finally {
	await closeVerifyPool(); // the plate-solving step's kernel workers would keep the process alive
	await closeDb();
}
