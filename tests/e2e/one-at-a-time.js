/**
 * The e2e files that run alone, one after another, after the other projects (vite.config.ts's `e2e`
 * project): they take jobs from the queue or park other files' jobs (a runner, Compute's workers),
 * count every user, or measure the shared server's memory. Every other e2e file touches only rows
 * of its own and runs in `e2e-parallel`, beside the unit and integration files.
 */
export const E2E_ONE_AT_A_TIME = [
	'authz-matrix',
	'bad-input',
	'compute',
	'forged-stack',
	'griefing',
	'pwa',
	'resources',
	'runner',
	'security-headers',
	'server-log',
	'stack-viewer',
	'stacks',
	'status'
].map((name) => `tests/e2e/${name}.test.ts`);

/** What in a test file's text marks it as one of them (tests/unit/layout/e2e-projects.test.ts holds the list to it). */
/** @type {RegExp[]} */
export const SHARED_STATE = [
	/\bparkOtherJobs\(/,
	/\brunner\(\[/,
	/\bobserverWithStacks\(/,
	/data-testid=start\]/,
	/\.update\(stackingJobs\)/,
	/\bcountUsers\(/,
	/'serverPid'/
];
