/**
 * Byte arrays kept by key under a budget of bytes, least recently used dropped first: a cache
 * whose memory is bounded whatever the sizes of its entries. An entry larger than the budget is
 * not kept.
 */
export class ByteLru<K> {
	private readonly entries = new Map<K, Uint8Array>();
	private used = 0;

	constructor(readonly budgetBytes: number) {}

	get(key: K): Uint8Array | undefined {
		const hit = this.entries.get(key);
		if (hit) {
			this.entries.delete(key);
			this.entries.set(key, hit);
		}
		return hit;
	}

	set(key: K, value: Uint8Array): void {
		this.delete(key);
		if (value.byteLength > this.budgetBytes) return;
		this.entries.set(key, value);
		this.used += value.byteLength;
		for (const [oldest, bytes] of this.entries) {
			if (this.used <= this.budgetBytes) break;
			this.entries.delete(oldest);
			this.used -= bytes.byteLength;
		}
	}

	delete(key: K): void {
		const old = this.entries.get(key);
		if (!old) return;
		this.entries.delete(key);
		this.used -= old.byteLength;
	}

	/** Bytes held now. */
	get bytes(): number {
		return this.used;
	}
}
