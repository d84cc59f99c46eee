// Node host of the kernel: loads wasm-stacker/build/stacker.wasm, building it first when missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createKernel, type Kernel } from './kernel';

export const KERNEL_WASM_PATH = fileURLToPath(new URL('../../../../wasm-stacker/build/stacker.wasm', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../../../scripts/build-kernel.js', import.meta.url));

let compiled: Promise<WebAssembly.Module> | undefined;

/** A new kernel (its own memory) over the module compiled once per process. */
export async function loadKernel(): Promise<Kernel> {
	compiled ??= compile();
	return createKernel(await compiled);
}

async function compile(): Promise<WebAssembly.Module> {
	if (!existsSync(KERNEL_WASM_PATH)) execFileSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit' });
	return WebAssembly.compile(await readFile(KERNEL_WASM_PATH));
}
