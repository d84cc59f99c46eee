// Node host of the kernel: compiles wasm-stacker/build/stacker.wasm, building it first when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKernel, type Kernel } from './kernel';

export const KERNEL_WASM_PATH = fileURLToPath(new URL('../../../../wasm-stacker/build/stacker.wasm', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../../../scripts/build-kernel.js', import.meta.url));

let compiled: WebAssembly.Module | undefined;

/** A new kernel (its own memory) over the module compiled once per process. */
export async function loadKernel(): Promise<Kernel> {
	return createKernel(kernelModule());
}

/** The kernel's module, compiled once per process (a few ms) and handed to each worker_thread. */
export function kernelModule(): WebAssembly.Module {
	if (!compiled) {
		if (!existsSync(KERNEL_WASM_PATH)) execFileSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit' });
		compiled = new WebAssembly.Module(readFileSync(KERNEL_WASM_PATH));
	}
	return compiled;
}
