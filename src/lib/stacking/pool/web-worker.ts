// A Web Worker hosting one kernel, spoken to through comlink (started by web-pool.ts).
import { expose } from 'comlink';
import wasmUrl from '../../../../wasm-stacker/build/stacker.wasm?url';
import { createKernel, type Kernel } from '../kernel';
import { createKernelApi } from './kernel-api';

/** Compiles while downloading; a missing or mistyped wasm names its URL and what came back. */
async function loadWebKernel(url: string): Promise<Kernel> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`kernel wasm ${url}: HTTP ${response.status} ${response.statusText}`);
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('application/wasm')) {
		throw new Error(`kernel wasm ${url} was served as "${type}"; streaming compilation needs application/wasm`);
	}
	return createKernel(await WebAssembly.compileStreaming(response));
}

expose(createKernelApi(loadWebKernel(wasmUrl)));
