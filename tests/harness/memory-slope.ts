// Memory per job for the soak bench and the job loop's leak test: a least-squares slope, and this
// process's memory after full collections (so garbage not yet collected does not read as a leak).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Least-squares slope of `ys` against their index (units of y per step); 0 for fewer than 2 points. */
export function slopePerStep(ys: number[]): number {
	const n = ys.length;
	if (n < 2) return 0;
	const meanX = (n - 1) / 2;
	const meanY = ys.reduce((s, y) => s + y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sxy += (i - meanX) * (ys[i] - meanY);
		sxx += (i - meanX) ** 2;
	}
	return sxy / sxx;
}

let gc: (() => void) | undefined;

/**
 * process.memoryUsage() after two full collections a turn apart (gc exposed here when Node was
 * started without --expose-gc): array buffers freed by the first are released off the main thread,
 * so one collection alone read a stack's size high or low now and then.
 */
export async function collectedMemory(): Promise<NodeJS.MemoryUsage> {
	if (!gc) {
		setFlagsFromString('--expose-gc');
		gc = runInNewContext('gc') as () => void;
	}
	gc();
	await new Promise((resolve) => setTimeout(resolve, 20));
	gc();
	return process.memoryUsage();
}

/** Theil–Sen slope: the median of every pairwise slope, so one sample caught mid-allocation does not tilt it. */
export function medianSlopePerStep(ys: number[]): number {
	const slopes: number[] = [];
	for (let i = 0; i < ys.length; i++) for (let j = i + 1; j < ys.length; j++) slopes.push((ys[j] - ys[i]) / (j - i));
	if (slopes.length === 0) return 0;
	slopes.sort((a, b) => a - b);
	const mid = slopes.length >> 1;
	return slopes.length % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
}
