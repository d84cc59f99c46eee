/**
 * Runs async tasks with at most `concurrency` at a time, in the order they were added (after
 * Immich's ExecutorQueue). `pause()` starts nothing new; tasks already running finish or are
 * aborted by their owner.
 */
export class ExecutorQueue {
	private readonly waiting: Array<() => void> = [];
	private running = 0;
	private paused = false;

	constructor(readonly concurrency: number) {
		if (!Number.isInteger(concurrency) || concurrency < 1) {
			throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
		}
	}

	get active(): number {
		return this.running;
	}

	get queued(): number {
		return this.waiting.length;
	}

	get isPaused(): boolean {
		return this.paused;
	}

	/** Resolves or rejects with the task's own result once it has run. */
	add<T>(task: () => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.waiting.push(() => {
				this.running++;
				task()
					.then(resolve, reject)
					.finally(() => {
						this.running--;
						this.next();
					});
			});
			this.next();
		});
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		this.next();
	}

	private next(): void {
		while (!this.paused && this.running < this.concurrency && this.waiting.length > 0) {
			this.waiting.shift()!();
		}
	}
}
