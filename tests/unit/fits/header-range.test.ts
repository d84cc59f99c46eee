import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, FitsError, readHeaderRange } from '$lib/fits';

const card = (text: string) => text.padEnd(80);
const block = (cards: string[]) => new TextEncoder().encode(cards.map(card).join('').padEnd(BLOCK_BYTES));

describe('readHeaderRange', () => {
	const file = new Uint8Array([
		...block(['SIMPLE  =                    T', 'BITPIX  =                   16']),
		...block(['NAXIS   =                    0', 'END']),
		...new Uint8Array(BLOCK_BYTES * 3)
	]);
	const reader = (reads: [number, number][]) => async (start: number, end: number) => {
		reads.push([start, end]);
		return file.slice(start, end);
	};

	it('reads whole blocks until the END card, however many blocks a step holds', async () => {
		for (const [step, expected] of [
			[BLOCK_BYTES, [[0, 2880], [2880, 5760]]],
			[16 * BLOCK_BYTES, [[0, 46080]]]
		] as const) {
			const reads: [number, number][] = [];
			const { header, end } = await readHeaderRange(reader(reads), step);
			expect(header.number('BITPIX')).toBe(16);
			expect(end).toBe(2 * BLOCK_BYTES);
			expect(reads).toEqual(expected);
		}
	});

	it('names what is wrong with a FitsError', async () => {
		await expect(readHeaderRange(async (s, e) => file.slice(s, Math.min(e, 3000)))).rejects.toBeInstanceOf(FitsError);
	});
});
