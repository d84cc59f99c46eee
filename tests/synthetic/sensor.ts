import type { Bitpix } from '../../src/lib/fits';
import { ADU_PER_ELECTRON, HOT_PIXEL_ADU, PEDESTAL, READ_NOISE, SATURATION } from './model';
import { Rng } from './rng';

export interface HotPixel {
	x: number;
	y: number;
	/** Extra ADU per 10 s. */
	adu: number;
}

/** Distinct sensor positions with a dark-current excess each; fixed for the whole set. */
export function makeHotPixels(rng: Rng, count: number, width: number, height: number): HotPixel[] {
	const taken = new Set<number>();
	const out: HotPixel[] = [];
	while (out.length < count) {
		const x = rng.int(width);
		const y = rng.int(height);
		const adu = rng.uniform(HOT_PIXEL_ADU[0], HOT_PIXEL_ADU[1]);
		if (taken.has(y * width + x)) continue;
		taken.add(y * width + x);
		out.push({ x, y, adu });
	}
	return out;
}

/**
 * 65536 standard normal deviates, shifted and scaled to mean 0 and variance 1 exactly. Per-pixel
 * noise picks one with a 16-bit random index: much cheaper than Box–Muller per pixel, and plenty
 * random for synthetic frames.
 */
const NORMAL_TABLE = ((): Float64Array => {
	const rng = new Rng(0x5eed);
	const t = Float64Array.from({ length: 1 << 16 }, () => rng.normal());
	const mean = t.reduce((a, b) => a + b, 0) / t.length;
	const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / t.length);
	return t.map((v) => (v - mean) / sd);
})();

/**
 * Turns the expected signal (ADU) into what the camera records: shot noise (Gaussian with variance
 * signal·ADU_PER_ELECTRON above the pedestal), read noise, then the storage type: whole ADU clipped
 * to 0..65535 for 16/32 bits, ADU/256 for 8 bits, unquantised for float BITPIX.
 */
export function expose(signal: Float32Array, rng: Rng, bitpix: Bitpix): Float32Array | Uint16Array | Int32Array | Uint8Array {
	const n = signal.length;
	const out = bitpix === 16 ? new Uint16Array(n) : bitpix === 32 ? new Int32Array(n) : bitpix === 8 ? new Uint8Array(n) : new Float32Array(n);
	const max = bitpix === 8 ? 255 : SATURATION;
	const unit = bitpix === 8 ? 256 : 1;
	const quantise = bitpix > 0;
	// Locals, not module bindings, inside the 2-million-pixel loop.
	const read2 = READ_NOISE * READ_NOISE;
	const gain = ADU_PER_ELECTRON;
	const pedestal = PEDESTAL;
	const table = NORMAL_TABLE;
	// Two 16-bit table indices from each 32-bit draw.
	let bits = 0;
	for (let i = 0; i < n; i++) {
		const v = signal[i];
		const sigma = Math.sqrt(read2 + Math.max(0, v - pedestal) * gain);
		if ((i & 1) === 0) bits = rng.uint32();
		const deviate = table[(i & 1) === 0 ? bits & 0xffff : bits >>> 16];
		const recorded = (v + sigma * deviate) / unit;
		out[i] = quantise ? Math.min(max, Math.max(0, Math.round(recorded))) : recorded;
	}
	return out;
}
