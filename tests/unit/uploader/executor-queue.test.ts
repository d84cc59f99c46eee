import { describe, expect, it } from 'vitest';
import { ExecutorQueue } from '$lib/uploader/executor-queue';

/** A task the test finishes by hand. */
function gate() {
	let open!: () => void;
	const promise = new Promise<void>((resolve) => (open = resolve));
	return { promise, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ExecutorQueue', () => {
	it('runs at most `concurrency` tasks at once, in the order added', async () => {
		const queue = new ExecutorQueue(3);
		const gates = Array.from({ length: 7 }, gate);
		const started: number[] = [];
		let running = 0;
		let peak = 0;
		const all = gates.map((g, i) =>
			queue.add(async () => {
				started.push(i);
				running++;
				peak = Math.max(peak, running);
				await g.promise;
				running--;
				return i * 10;
			})
		);
		await tick();
		expect(started).toEqual([0, 1, 2]);
		expect(queue.queued).toBe(4);
		gates[1].open();
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const g of gates) g.open();
		expect(await Promise.all(all)).toEqual([0, 10, 20, 30, 40, 50, 60]);
		expect(peak).toBe(3);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(queue.active).toBe(0);
	});

	it('a failing task rejects its own promise and frees its slot', async () => {
		const queue = new ExecutorQueue(1);
		const failed = queue.add(() => Promise.reject(new Error('boom')));
		const next = queue.add(async () => 'next');
		await expect(failed).rejects.toThrow('boom');
		await expect(next).resolves.toBe('next');
	});

	it('pause starts nothing new; resume carries on', async () => {
		const queue = new ExecutorQueue(2);
		const first = gate();
		const started: string[] = [];
		const a = queue.add(async () => {
			started.push('a');
			await first.promise;
		});
		queue.pause();
		const b = queue.add(async () => void started.push('b'));
		first.open();
		await a;
		await tick();
		expect(started).toEqual(['a']);
		expect(queue.isPaused).toBe(true);
		queue.resume();
		await b;
		expect(started).toEqual(['a', 'b']);
	});

	it('refuses a concurrency that is not a positive integer', () => {
		expect(() => new ExecutorQueue(0)).toThrow('concurrency must be a positive integer, got 0');
		expect(() => new ExecutorQueue(1.5)).toThrow('got 1.5');
	});
});
