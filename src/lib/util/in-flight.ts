/**
 * One promise per key while it is pending: callers asking for the same key meanwhile share it,
 * and once it settles the next caller starts afresh (results are not kept here).
 */
export class InFlight<K, V> {
	private readonly pending = new Map<K, Promise<V>>();

	get(key: K, start: () => Promise<V>): Promise<V> {
		const shared = this.pending.get(key);
		if (shared) return shared;
		const started = start().finally(() => this.pending.delete(key));
		this.pending.set(key, started);
		return started;
	}
}
