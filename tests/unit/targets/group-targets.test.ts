import { describe, expect, it } from 'vitest';
import type { StackSummary } from '../../../src/lib/api/stacks';
import { BY_DESIGNATION, OBJECTS } from '../../../src/lib/objects/catalogue';
import { groupTargets } from '../../../src/lib/targets/group-targets';

let nextId = 1;
function stack(over: Partial<StackSummary>): StackSummary {
	const id = nextId++;
	return {
		id,
		object: null,
		ra: null,
		dec: null,
		start: null,
		end: null,
		exposure: 60,
		framesAligned: 6,
		framesInput: 6,
		telescope: 'Seestar S50',
		filter: 'IRCUT',
		chunkKey: `chunk-${id}`,
		thumbnailUrl: `/api/stacks/${id}/thumbnail`,
		footprint: null,
		...over
	};
}

describe('groupTargets', () => {
	it('puts M94, "m 94", NGC 4736 and a stack centred on it into one target, across nights', () => {
		const stacks = [
			stack({ object: 'M 94', ra: 192.72, dec: 41.12, start: '2025-03-27T01:20:00Z', end: '2025-03-27T01:25:00Z', exposure: 320 }),
			stack({ object: 'm94', start: '2025-03-27T23:50:00Z', exposure: 300 }),
			// The same night (it crosses midnight UTC): counted once.
			stack({ object: 'NGC 4736', start: '2025-03-28T00:10:00Z', exposure: 600, framesAligned: 58 }),
			stack({ object: 'my galaxy', ra: 192.75, dec: 41.1, start: '2025-04-02T22:00:00Z', exposure: 100 }),
			stack({ object: 'NGC 7023', ra: 315.4, dec: 68.16, start: '2024-07-31T02:44:00Z', exposure: 40 }),
			stack({ object: 'Comet C/2025 A1', start: '2025-01-01T20:00:00Z', exposure: 50 }),
			stack({ object: 'comet c/2025 a1', start: '2025-01-02T20:00:00Z', exposure: 50 })
		];
		const targets = groupTargets(stacks, BY_DESIGNATION, OBJECTS);
		expect(targets.map((t) => [t.name, t.stacks, t.nights, t.exposure])).toEqual([
			['M 94', 4, 3, 1320],
			['Comet C/2025 A1', 2, 2, 100],
			['NGC 7023', 1, 1, 40]
		]);
		const m94 = targets[0];
		expect(m94.aka).toBeTruthy();
		expect(m94.best.object).toBe('NGC 4736'); // the deepest stack
		expect(m94.first).toBe('2025-03-27T01:20:00Z');
		expect(m94.last).toBe('2025-04-02T22:00:00Z');
	});

	it('keeps a field with no name and no position as its own target', () => {
		const targets = groupTargets([stack({}), stack({ object: '  ' })], BY_DESIGNATION, OBJECTS);
		expect(targets.map((t) => [t.name, t.stacks])).toEqual([['Unnamed field', 2]]);
	});
});
