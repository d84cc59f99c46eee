import { describe, expect, it, vi } from 'vitest';
import type { BandFrame, FrameAnalysis, FramePixels, KernelSolveOutput } from '../../../src/lib/stacking/types';
import { createPool } from '../../../src/lib/stacking/pool/create-pool';
import type { KernelApi } from '../../../src/lib/stacking/pool/types';

/** A host that records what it was given and how many calls it ran at once. */
function recordingHost(log: { busy: number; peak: number; seen: FramePixels[] }): KernelApi {
	const slow = async <T>(value: T): Promise<T> => {
		log.peak = Math.max(log.peak, ++log.busy);
		await new Promise((r) => setTimeout(r, 5));
		log.busy--;
		return value;
	};
	return {
		analyse: (frame) => (log.seen.push(frame), slow({ stars: [] } as unknown as FrameAnalysis)),
		analysePlane: () => slow({ stars: [] } as unknown as FrameAnalysis),
		combineBand: (band, width, frames: BandFrame[]) => slow({ r: new Float32Array(0), g: new Float32Array(0), b: new Float32Array(0), coverage: new Uint16Array(0), rejected: frames.length }),
		solve: () => slow({ status: 'no-match' } as unknown as KernelSolveOutput),
		pixelsToSky: (wcs, xy) => slow(xy),
		log10: (values) => slow(values),
		memoryBytes: async () => 1000
	};
}

const frame = (data: Uint8Array): FramePixels => ({ data, y0: 0, rows: 2, width: 8, height: 8, bitpix: 8, bzero: 0, bscale: 1, bayer: null });

describe('createPool', () => {
	it('runs one call per host at a time and spreads calls over the hosts', async () => {
		const logs = [0, 1].map(() => ({ busy: 0, peak: 0, seen: [] as FramePixels[] }));
		const pool = createPool(logs.map(recordingHost), { transfers: false, close: async () => {} });
		await Promise.all(Array.from({ length: 10 }, () => pool.analyse(frame(new Uint8Array(16)))));
		expect(logs.map((l) => l.peak)).toEqual([1, 1]);
		expect(logs[0].seen.length + logs[1].seen.length).toBe(10);
		expect(logs[0].seen.length).toBeGreaterThan(0);
		expect(logs[1].seen.length).toBeGreaterThan(0);
		expect(await pool.memoryBytes()).toBe(2000);
	});

	it('hands a host bytes that own their buffer when transferring, so no other data travels', async () => {
		const log = { busy: 0, peak: 0, seen: [] as FramePixels[] };
		const pool = createPool([recordingHost(log)], { transfers: true, close: async () => {} });
		const whole = new Uint8Array(64);
		await pool.analyse(frame(whole.subarray(16, 32)));
		const sent = log.seen[0].data;
		expect(sent.byteLength).toBe(16);
		expect(sent.buffer.byteLength).toBe(16);
	});

	it('transfers in a tab that is not cross-origin isolated (no SharedArrayBuffer global)', async () => {
		vi.stubGlobal('SharedArrayBuffer', undefined);
		try {
			const log = { busy: 0, peak: 0, seen: [] as FramePixels[] };
			const pool = createPool([recordingHost(log)], { transfers: true, close: async () => {} });
			await pool.analyse(frame(new Uint8Array(64).subarray(16, 32)));
			expect(log.seen[0].data.buffer.byteLength).toBe(16);
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('refuses calls after close and closes once', async () => {
		let closes = 0;
		const pool = createPool([recordingHost({ busy: 0, peak: 0, seen: [] })], { transfers: false, close: async () => void closes++ });
		await pool.close();
		await pool.close();
		expect(closes).toBe(1);
		await expect(pool.analyse(frame(new Uint8Array(16)))).rejects.toThrow(/kernel pool is closed/);
		expect(() => createPool([], { transfers: false, close: async () => {} })).toThrow(/at least one host/);
	});
});
