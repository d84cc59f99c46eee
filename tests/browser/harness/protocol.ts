import type { SolveInput } from '../../../src/lib/solve';
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

/** What the harness page returns for one star list solved `repeats` times. */
export interface BrowserSolve {
	/** JSON.stringify of the (last) SolveResult, to compare with Node's byte for byte. */
	json: string;
	/** solveStars per repeat, ms. */
	solveMs: number[];
}

declare global {
	interface Window {
		stackFromUrls(urls: string[], threads: number): Promise<BrowserStack>;
		solveInBrowser(input: SolveInput, catalogUrl: string, repeats: number): Promise<BrowserSolve>;
	}
}
