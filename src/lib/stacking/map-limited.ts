/**
 * Map `items` with at most `limit` calls of `fn` in flight; results keep the input order.
 * Bounds how many frames (or bands) are in memory at once.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
	const results = new Array<R>(items.length);
	let next = 0;
	async function lane(): Promise<void> {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}
