import { describe, expect, it } from 'vitest';
import { StorageError } from '$lib/server/storage';
import { checkRange, sliceStream } from '$lib/server/storage/range';

const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

/** `bytes` as a stream of chunks of the given sizes, counting how many chunks were pulled. */
function chunked(sizes: number[]) {
	const pulled = { count: 0 };
	async function* gen() {
		let at = 0;
		for (const size of sizes) {
			pulled.count++;
			yield bytes.subarray(at, at + size);
			at += size;
		}
	}
	return { stream: gen(), pulled };
}

describe('sliceStream', () => {
	it.each([
		[0, 100],
		[0, 10],
		[7, 8],
		[33, 67],
		[90, 100],
		[95, 150],
		[100, 120],
		[5, 5]
	])('cuts [%i, %i) across chunk boundaries', async (start, end) => {
		const { stream } = chunked([10, 1, 30, 0, 24, 35]);
		const out = await sliceStream(stream, start, end);
		expect(Array.from(out)).toEqual(Array.from(bytes.subarray(start, end)));
	});

	it('stops pulling once the range is complete', async () => {
		const { stream, pulled } = chunked([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
		await sliceStream(stream, 12, 25);
		expect(pulled.count).toBe(3);
	});
});

describe('checkRange', () => {
	it('accepts 0 <= start <= end integers', () => {
		expect(() => checkRange('p', 0, 0)).not.toThrow();
		expect(() => checkRange('p', 2880, 5760)).not.toThrow();
	});

	it.each([
		[-1, 2],
		[3, 2],
		[0.5, 2],
		[0, Number.NaN],
		[0, Infinity]
	])('refuses [%s, %s)', (start, end) => {
		expect(() => checkRange('raw/a.fit', start, end)).toThrow(StorageError);
		expect(() => checkRange('raw/a.fit', start, end)).toThrow(`readRange "raw/a.fit": invalid range [${start}, ${end})`);
	});
});
