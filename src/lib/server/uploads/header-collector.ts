import { BLOCK_BYTES, hasEndCard, MAX_HEADER_BYTES } from '$lib/fits';
import { concatBytes } from '$lib/util/bytes';

/**
 * Keeps the first bytes of a stream up to the end of the first header (the 2880-byte block that
 * holds its END card), at most MAX_HEADER_BYTES: what the FITS checks need, never the whole file.
 */
export class HeaderCollector {
	private parts: Uint8Array[] = [];
	private length = 0;
	private done = false;

	add(chunk: Uint8Array): void {
		if (this.done) return;
		const take = chunk.subarray(0, MAX_HEADER_BYTES - this.length);
		this.parts.push(take.slice());
		const scanFrom = this.length - (this.length % BLOCK_BYTES);
		this.length += take.length;
		if (this.length >= MAX_HEADER_BYTES || this.endCardIn(scanFrom)) this.done = true;
	}

	bytes(): Uint8Array {
		const out = concatBytes(this.parts);
		this.parts = [out];
		return out;
	}

	/** Whether a complete block at or after `from` holds an END card. */
	private endCardIn(from: number): boolean {
		const completeEnd = this.length - (this.length % BLOCK_BYTES);
		if (completeEnd <= from) return false;
		return hasEndCard(this.bytes(), from, completeEnd);
	}
}
