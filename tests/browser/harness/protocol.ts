import type { StackReport } from '../../../src/lib/stacking/types';

/** What the harness page returns for one stack. */
export interface BrowserStack {
	sha256: string;
	bytes: number;
	report: StackReport;
	/** Downloading the frames into Files, ms. */
	fetchMs: number;
	/** stackFrames on the Web Worker pool, ms. */
	stackMs: number;
	crossOriginIsolated: boolean;
}

declare global {
	interface Window {
		stackFromUrls(urls: string[], threads: number): Promise<BrowserStack>;
	}
}
