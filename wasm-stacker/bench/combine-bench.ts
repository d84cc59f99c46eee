// combine alone on random samples (clip, full coverage, a few outliers), ms per million pixels, min of 15
// runs: npx tsx wasm-stacker/bench/combine-bench.ts [KERNEL.wasm]. Also runs the scalar kernel (a69b07d~1).
import { readFileSync } from 'node:fs';
import { KERNEL_WASM_PATH } from '../../src/lib/stacking/kernel/node';

const wasm = readFileSync(process.argv[2] ?? KERNEL_WASM_PATH);
// 2^16 pixels plus the padding that combineBand adds (planes 17 cache lines apart modulo 4 KiB)
const plane = (1 << 16) + 272;
for (const n of [3, 6, 9, 16, 17, 32, 40, 90]) {
	const { instance } = await WebAssembly.instantiate(wasm, {});
	const x = instance.exports as Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };
	const base = x.heapBase();
	const stack = base;
	const weights = stack + n * 3 * plane * 4;
	const out = weights + n * 4;
	const cov = out + 3 * plane * 4;
	const scratch = cov + plane * 2;
	const end = scratch + (x.combineScratchBytes ? x.combineScratchBytes(n) : 20 * n); // the scalar kernel took 5n f32
	x.memory.grow(Math.ceil((end - x.memory.buffer.byteLength) / 65536) + 1);
	const s = new Float32Array(x.memory.buffer, stack, n * 3 * plane);
	let seed = 1;
	const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
	for (let i = 0; i < s.length; i++) s[i] = 1000 + 10 * (rand() + rand() + rand() - 1.5) + (rand() < 0.01 ? 500 : 0);
	new Float32Array(x.memory.buffer, weights, n).fill(1);
	const times: number[] = [];
	for (let r = 0; r < 15; r++) {
		const t = performance.now();
		x.combine(stack, n, plane, weights, 5, 5, 5, 3, 0, out, out + plane * 4, out + 2 * plane * 4, cov, scratch);
		times.push(performance.now() - t);
	}
	console.log(`n ${String(n).padStart(3)}: ${((Math.min(...times) * 1e6) / plane).toFixed(0)} ms per Mpx (${((Math.min(...times) * 1e6) / plane / n).toFixed(1)} ns per sample)`);
}
