import { transfer } from 'comlink';
import type { BandFrame, FramePixels } from '../types';
import { own } from './kernel-api';
import type { KernelApi, KernelPool } from './types';

/**
 * A pool over kernel hosts: each call waits for an idle host, FIFO. With `transfers`, frame bytes
 * are moved to the host instead of copied (the caller must not reuse them).
 */
export function createPool(hosts: KernelApi[], opts: { transfers: boolean; close: () => Promise<void> }): KernelPool {
	if (hosts.length === 0) throw new RangeError('a kernel pool needs at least one host');
	const idle = [...hosts];
	const waiting: ((host: KernelApi) => void)[] = [];
	let closed = false;

	async function run<T>(call: (host: KernelApi) => Promise<T>): Promise<T> {
		if (closed) throw new Error('kernel pool is closed');
		const host = idle.pop() ?? (await new Promise<KernelApi>((resolve) => waiting.push(resolve)));
		try {
			return await call(host);
		} finally {
			const next = waiting.shift();
			if (next) next(host);
			else idle.push(host);
		}
	}

	function send(frame: FramePixels): FramePixels {
		if (!opts.transfers) return frame;
		const data = own(frame.data);
		return transfer({ ...frame, data }, [data.buffer as ArrayBuffer]);
	}

	function sendPlane(plane: Float32Array): Float32Array {
		if (!opts.transfers) return plane;
		const moved = own(plane);
		return transfer(moved, [moved.buffer as ArrayBuffer]);
	}

	function sendAll(frames: BandFrame[]): BandFrame[] {
		if (!opts.transfers) return frames;
		const sent = frames.map((f) => ({ ...f, pixels: { ...f.pixels, data: own(f.pixels.data) } }));
		return transfer(sent, [...new Set(sent.map((f) => f.pixels.data.buffer as ArrayBuffer))]);
	}

	return {
		size: hosts.length,
		analyse: (frame, o) => run((h) => h.analyse(send(frame), o)),
		analysePlane: (plane, width, height, o) => run((h) => h.analysePlane(sendPlane(plane), width, height, o)),
		combineBand: (band, width, frames: BandFrame[], o) =>
			run((h) => h.combineBand(band, width, sendAll(frames), o)),
		solve: (input) => run((h) => h.solve(input)),
		pixelsToSky: (wcs, xy) => run((h) => h.pixelsToSky(wcs, xy)),
		log10: (values) => run((h) => h.log10(values)),
		async memoryBytes() {
			const each = await Promise.all(hosts.map((h) => h.memoryBytes()));
			return each.reduce((a, b) => a + b, 0);
		},
		async close() {
			if (closed) return;
			closed = true;
			await opts.close();
		}
	};
}
