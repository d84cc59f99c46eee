import { transfer } from 'comlink';
import type { Kernel } from '../kernel';
import type { BandResult } from '../types';
import type { KernelApi } from './types';

/**
 * The kernel behind the pool protocol. The same object is exposed by comlink in a worker and
 * called directly in-process; results are marked for transfer, which is a no-op in-process.
 */
export function createKernelApi(kernel: Kernel | Promise<Kernel>): KernelApi {
	const ready = Promise.resolve(kernel);
	ready.catch(() => {}); // a failed load is reported by every call, not as an unhandled rejection
	return {
		async analyse(frame, opts) {
			return (await ready).analyse(frame, opts);
		},
		async analysePlane(plane, width, height, opts) {
			return (await ready).analysePlane(plane, width, height, opts);
		},
		async combineBand(band, width, frames, opts) {
			const result = ownBuffers((await ready).combineBand(band.y0, band.rows, width, frames, opts));
			return transfer(result, [result.r.buffer, result.g.buffer, result.b.buffer, result.coverage.buffer]);
		},
		async solve(input) {
			return (await ready).solve(input);
		},
		async pixelsToSky(wcs, xy) {
			const sky = (await ready).pixelsToSky(wcs, xy);
			return transfer(sky, [sky.buffer]);
		},
		async log10(values) {
			const logs = (await ready).log10(values);
			return transfer(logs, [logs.buffer]);
		},
		async memoryBytes() {
			return (await ready).memoryBytes();
		}
	};
}

/** Arrays that own their whole buffer, so transferring them moves nothing else (never WASM memory). */
function ownBuffers(result: BandResult): BandResult {
	return { ...result, r: own(result.r), g: own(result.g), b: own(result.b), coverage: own(result.coverage) };
}

export function own<T extends Float32Array | Uint16Array | Uint8Array>(a: T): T {
	// a SharedArrayBuffer cannot be transferred; the global is missing in tabs that are not cross-origin isolated
	const shared = typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
	return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !shared ? a : (a.slice() as T);
}
