/**
 * The e2e files that share the job queue, the user count or the server's memory run one at a time
 * (tests/e2e/one-at-a-time.js); the rest run in parallel. A file that starts doing so without being
 * listed would race the others, and a listed file renamed would silently go parallel: the list is
 * held to the files' text both ways.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_ONE_AT_A_TIME, SHARED_STATE } from '../../e2e/one-at-a-time.js';

const ROOT = join(import.meta.dirname, '../../..');
const E2E = 'tests/e2e';

const testFiles = readdirSync(join(ROOT, E2E))
	.filter((name) => name.endsWith('.test.ts'))
	.map((name) => `${E2E}/${name}`);
const sharesState = (file: string) => SHARED_STATE.some((marker) => marker.test(readFileSync(join(ROOT, file), 'utf8')));

describe('the e2e files run one at a time', () => {
	it('name files that exist', () => {
		expect(E2E_ONE_AT_A_TIME.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
	});

	it('are exactly the e2e files that share the queue, the user count or the server', () => {
		expect(testFiles.filter((file) => sharesState(file) && !E2E_ONE_AT_A_TIME.includes(file)), 'not listed').toEqual([]);
		expect(E2E_ONE_AT_A_TIME.filter((file) => !sharesState(file)), 'listed without a reason').toEqual([]);
	});
});
