// Direct access to the kernel's exports for stage tests: a bump heap over the WASM memory.
import { readFile } from 'node:fs/promises';
import { KERNEL_WASM_PATH, loadKernel } from '../../src/lib/stacking/kernel/node';

export type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

export class Heap {
	private end: number;
	constructor(readonly x: Exports) {
		this.end = x.heapBase();
	}
	alloc(bytes: number): number {
		const at = this.end;
		this.end = Math.ceil((at + bytes) / 16) * 16;
		const have = this.x.memory.buffer.byteLength;
		if (this.end > have) this.x.memory.grow(Math.ceil((this.end - have) / 65536));
		return at;
	}
	f32(values: ArrayLike<number>): number {
		const at = this.alloc(values.length * 4);
		new Float32Array(this.x.memory.buffer, at, values.length).set(values);
		return at;
	}
	bytes(values: Uint8Array): number {
		const at = this.alloc(values.length);
		new Uint8Array(this.x.memory.buffer, at, values.length).set(values);
		return at;
	}
	readF32(at: number, count: number): Float32Array {
		return new Float32Array(this.x.memory.buffer, at, count).slice();
	}
}

/** A fresh instance of the built kernel (built first if missing) and a heap over it. */
export async function rawKernel(): Promise<Heap> {
	await loadKernel();
	const { instance } = await WebAssembly.instantiate(await readFile(KERNEL_WASM_PATH), {});
	return new Heap(instance.exports as unknown as Exports);
}
