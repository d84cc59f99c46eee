/** Upload speed and time left, from byte counts sampled over a sliding window. */

/** Long enough to smooth over three files finishing at once, short enough to follow a slowdown. */
export const SPEED_WINDOW_MS = 8000;

export class SpeedMeter {
	private samples: Array<{ at: number; bytes: number }> = [];

	constructor(private readonly windowMs = SPEED_WINDOW_MS) {}

	/** Records the total bytes sent so far at time `at` (ms). */
	sample(at: number, bytes: number): void {
		this.samples.push({ at, bytes });
		const oldest = at - this.windowMs;
		// Keep one sample at or before the window's start so the span covers the whole window.
		while (this.samples.length > 2 && this.samples[1].at <= oldest) this.samples.shift();
	}

	/** Bytes per second over the window; 0 until two samples span some time. */
	bytesPerSecond(): number {
		if (this.samples.length < 2) return 0;
		const first = this.samples[0];
		const last = this.samples[this.samples.length - 1];
		const seconds = (last.at - first.at) / 1000;
		return seconds > 0 ? Math.max(0, (last.bytes - first.bytes) / seconds) : 0;
	}

	reset(): void {
		this.samples = [];
	}
}

/** Seconds left at this speed, or null when it cannot be told (nothing moving). */
export function secondsLeft(remainingBytes: number, bytesPerSecond: number): number | null {
	if (remainingBytes <= 0) return 0;
	if (bytesPerSecond <= 0) return null;
	return Math.ceil(remainingBytes / bytesPerSecond);
}
