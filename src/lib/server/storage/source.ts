import { StorageError } from './errors';
import type { PutSource } from './types';

/**
 * The chunks of a put's source, with a count of the bytes that went through and a record of the
 * source's own failure, so a backend can re-throw that unchanged instead of blaming the store.
 */
export interface TrackedSource {
	readonly chunks: AsyncIterable<Uint8Array>;
	readonly bytes: number;
	readonly failure: { error: unknown } | null;
}

export function trackSource(data: PutSource): TrackedSource {
	const tracked = { chunks: counted(), bytes: 0, failure: null as { error: unknown } | null };
	async function* counted(): AsyncGenerator<Uint8Array> {
		try {
			for await (const chunk of chunksOf(data)) {
				if (!(chunk instanceof Uint8Array)) {
					throw new TypeError(`put source yielded ${typeof chunk}, expected Uint8Array chunks`);
				}
				tracked.bytes += chunk.byteLength;
				yield chunk;
			}
		} catch (error) {
			tracked.failure = { error };
			throw error;
		}
	}
	return tracked;
}

async function* chunksOf(data: PutSource): AsyncGenerator<Uint8Array> {
	if (data instanceof Uint8Array) {
		yield data;
	} else if (isWebStream(data)) {
		const reader = data.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				yield value;
			}
		} finally {
			// Stopped early (the store failed): tell the producer; a no-op after `done`.
			await reader.cancel().catch(() => {});
			reader.releaseLock();
		}
	} else if (data && typeof (data as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
		yield* data;
	} else {
		throw new StorageError(
			`put: unsupported data (${typeof data}); give a Uint8Array, an async iterable of them or a ReadableStream`
		);
	}
}

function isWebStream(data: PutSource): data is ReadableStream<Uint8Array> {
	return typeof (data as ReadableStream<Uint8Array>).getReader === 'function';
}
