import type { JobStatusView, StatusSnapshot } from '$lib/api/status';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/** After the browser gives up on the stream (the server answered an error), try again this soon. */
const REOPEN_MS = 3000;

/** The Status page's data, kept current by the server's event stream. */
export class LiveStatus {
	snapshot = $state<StatusSnapshot>() as StatusSnapshot;
	connection = $state<Connection>('connecting');

	constructor(initial: StatusSnapshot) {
		this.snapshot = initial;
	}

	/**
	 * Follows `/api/status/stream`. EventSource reconnects by itself after a dropped connection;
	 * when it gives up (an error answer, e.g. while the server restarts) this opens a new one.
	 * Returns the function that stops following.
	 */
	follow(url = '/api/status/stream'): () => void {
		let source: EventSource | undefined;
		let reopen: ReturnType<typeof setTimeout> | undefined;
		const open = () => {
			source = new EventSource(url);
			source.addEventListener('open', () => (this.connection = 'live'));
			source.addEventListener('snapshot', (event) => {
				this.snapshot = JSON.parse((event as MessageEvent<string>).data);
				this.connection = 'live';
			});
			source.addEventListener('error', () => {
				this.connection = 'reconnecting';
				if (source?.readyState === EventSource.CLOSED) {
					source.close();
					reopen = setTimeout(open, REOPEN_MS);
				}
			});
		};
		open();
		return () => {
			clearTimeout(reopen);
			source?.close();
		};
	}

	/** Drops what was just deleted at once; the next snapshot agrees. */
	forgetSession(token: string): void {
		this.snapshot = { ...this.snapshot, sessions: this.snapshot.sessions.filter((s) => s.token !== token) };
	}

	forgetJob(id: number): void {
		const sessions = this.snapshot.sessions.map((s) => ({ ...s, jobs: s.jobs.filter((j) => j.id !== id) }));
		this.snapshot = { ...this.snapshot, sessions };
	}

	/** Shows a job run again as queued at once; the next snapshot agrees. */
	requeued(id: number): void {
		const requeue = (j: JobStatusView): JobStatusView =>
			j.id === id ? { ...j, status: 'pending', attempts: 0, lastError: null, workerId: null, progress: null, startedAt: null, completedAt: null } : j;
		const sessions = this.snapshot.sessions.map((s) => ({ ...s, jobs: s.jobs.map(requeue) }));
		this.snapshot = { ...this.snapshot, sessions };
	}
}
