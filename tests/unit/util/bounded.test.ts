/** The pieces that bound the preview's memory: a byte-budget cache and a gate with a bounded queue. */
import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../src/lib/util/byte-lru';
import { Gate, GateFull } from '../../../src/lib/util/gate';
import { InFlight } from '../../../src/lib/util/in-flight';

describe('ByteLru', () => {
	it('keeps entries by bytes, dropping the least recently used, and never keeps one over the budget', () => {
		const lru = new ByteLru<string>(100);
		lru.set('a', new Uint8Array(40));
		lru.set('b', new Uint8Array(40));
		lru.get('a');
		lru.set('c', new Uint8Array(40));
		expect([lru.get('a')?.length, lru.get('b'), lru.get('c')?.length]).toEqual([40, undefined, 40]);
		expect(lru.bytes).toBe(80);
		lru.set('huge', new Uint8Array(101));
		expect(lru.get('huge')).toBeUndefined();
		expect(lru.bytes).toBe(80);
	});
});

describe('Gate', () => {
	it('runs at most `concurrency` at once, queues up to its limit and refuses the rest at once', async () => {
		const gate = new Gate(2, 1);
		let running = 0;
		let peak = 0;
		const opens: (() => void)[] = [];
		const work = () =>
			gate.run(async () => {
				peak = Math.max(peak, ++running);
				await new Promise<void>((resolve) => opens.push(resolve));
				running--;
			});
		const flush = () => new Promise((resolve) => setImmediate(resolve));
		const runs = [work(), work(), work()];
		await expect(work()).rejects.toBeInstanceOf(GateFull);
		expect(opens).toHaveLength(2);
		opens.shift()!();
		await flush();
		expect(opens).toHaveLength(2); // the waiting one took the freed place
		for (const open of opens.splice(0)) open();
		await Promise.all(runs);
		expect(peak).toBe(2);
	});
});

describe('InFlight', () => {
	it('shares one pending promise per key and starts afresh once it settled', async () => {
		const shared = new InFlight<string, number>();
		let starts = 0;
		const start = async () => ++starts;
		const [a, b] = await Promise.all([shared.get('k', start), shared.get('k', start)]);
		expect([a, b, starts]).toEqual([1, 1, 1]);
		expect(await shared.get('k', start)).toBe(2);
	});
});
