/** Thrown by `Gate.run` when the gate is busy and its queue is full: try again later. */
export class GateFull extends Error {
	constructor(readonly running: number, readonly waiting: number) {
		super(`${running} running and ${waiting} waiting, the most allowed`);
		this.name = 'GateFull';
	}
}

/**
 * At most `concurrency` pieces of work at once and at most `queueLimit` waiting for a place; work
 * beyond that is refused at once (GateFull) rather than queued without end, so what the work holds
 * in memory, and how long a caller waits, stay bounded.
 */
export class Gate {
	private running = 0;
	private readonly waiting: (() => void)[] = [];

	constructor(
		readonly concurrency: number,
		readonly queueLimit: number
	) {}

	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.running >= this.concurrency) {
			if (this.waiting.length >= this.queueLimit) throw new GateFull(this.running, this.waiting.length);
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running++;
		}
		try {
			return await work();
		} finally {
			// The place passes straight to the next in line, so `running` never drops below it.
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}
