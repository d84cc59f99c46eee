import type { SolveInput } from '../../../src/lib/solve';
import type { StackReport } from '../../../src/lib/stacking/types';
import type { Wcs } from '../../../src/lib/wcs';

/** What the harness page returns for one stack. */
export interface BrowserStack {
	sha256: string;
	bytes: number;
	report: StackReport;
	/** Downloading the frames into memory (the Web Workers start meanwhile), ms. */
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

/** Pixels (x, y pairs, 1-based) to map through a WCS in the page. */
export interface SkyPoints {
	wcs: Wcs;
	xy: number[];
}

/** The bytes (hex) of the kernel's results in the page, and of JS Math's (src/lib/wcs, Math.log10). */
export interface BrowserSky {
	/** pixelsToSky per case. */
	sky: string[];
	logs: string;
	mathSky: string[];
	mathLogs: string;
}

/** A linear stack's planes served as one file: R, G, B and FOOTPRINT, width × height float32 each. */
export interface PlanesFile {
	url: string;
	width: number;
	height: number;
	nimages: number;
}

/** The picture made in the page: its size and the SHA-256 of its 16-bit RGB samples. */
export interface BrowserPicture {
	sha256: string;
	width: number;
	height: number;
}

declare global {
	interface Window {
		stackFromUrls(urls: string[], threads: number, catalogUrl?: string): Promise<BrowserStack>;
		solveInBrowser(input: SolveInput, catalogUrl: string, repeats: number): Promise<BrowserSolve>;
		skyInBrowser(cases: SkyPoints[], values: number[]): Promise<BrowserSky>;
		pictureInBrowser(planes: PlanesFile): Promise<BrowserPicture>;
	}
}
