// Pixel → sky and log10 in the page, as a Compute tab would run them: the kernel pool in a Web
// Worker; and the same through JS Math (src/lib/wcs, Math.log10) for the record of how they differ.
import { pixelToSky, type Wcs } from '../../../src/lib/wcs';
import { createWebPool } from '../../../src/lib/stacking/pool/web-pool';
import type { BrowserSky, SkyPoints } from './protocol';

function hex(a: Float64Array): string {
	return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
}

function mathSky(wcs: Wcs, xy: number[]): Float64Array {
	const out = new Float64Array(xy.length);
	for (let i = 0; i < xy.length; i += 2) {
		const { ra, dec } = pixelToSky(wcs, xy[i], xy[i + 1]);
		out[i] = ra;
		out[i + 1] = dec;
	}
	return out;
}

async function skyInBrowser(cases: SkyPoints[], values: number[]): Promise<BrowserSky> {
	const pool = createWebPool(1);
	try {
		const sky: string[] = [];
		for (const { wcs, xy } of cases) sky.push(hex(await pool.pixelsToSky(wcs, new Float64Array(xy))));
		const logs = hex(await pool.log10(new Float64Array(values)));
		return {
			sky,
			logs,
			mathSky: cases.map(({ wcs, xy }) => hex(mathSky(wcs, xy))),
			mathLogs: hex(new Float64Array(values.map(Math.log10)))
		};
	} finally {
		await pool.close();
	}
}

window.skyInBrowser = skyInBrowser;
