/** The queue's one state table (src/lib/server/jobs/states.ts) is the one the README shows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '$lib/api/jobs';
import { TRANSITIONS } from '$lib/server/jobs/states';

function markdown(): string {
	const rows = Object.entries(TRANSITIONS).map(([verb, t]) => `| ${t.from.join(', ')} | ${verb} | ${t.to.join(', ')} | ${t.when} | \`${t.file}\` |`);
	return ['| from | transition | to | when | where |', '|---|---|---|---|---|', ...rows].join('\n');
}

describe('the job state table', () => {
	it('is printed in the README as it is in states.ts', () => {
		expect(readFileSync('README.md', 'utf8')).toContain(markdown());
	});

	it('reaches every status, and every transition file exists', () => {
		const reached = new Set(Object.values(TRANSITIONS).flatMap((t) => [...t.from, ...t.to]));
		expect([...reached].sort()).toEqual([...JOB_STATUSES].sort());
		for (const t of Object.values(TRANSITIONS)) expect(() => readFileSync(`src/lib/server/${t.file}`)).not.toThrow();
	});
});
