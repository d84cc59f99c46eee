/** The capped exponential step: attempt 0 waits `baseMs`, each further attempt doubles it, up to `maxMs`. */
export function backoffStep(attempt: number, baseMs: number, maxMs: number): number {
	return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/** A step with jitter: between half and all of `backoffStep`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const ceiling = backoffStep(attempt, baseMs, maxMs);
	// Half fixed, half random: never a zero wait, and a crowd of workers spreads out after a restart.
	return ceiling / 2 + (random() * ceiling) / 2;
}
