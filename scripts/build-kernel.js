// Compiles the AssemblyScript stacking kernel (wasm-stacker/assembly) to wasm-stacker/build/stacker.wasm.
// Usage: node scripts/build-kernel.js [--if-missing]   (--if-missing: skip when the wasm is newer than every source)
// Prints exactly one line.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const kernelDir = join(root, 'wasm-stacker');
const entry = join(kernelDir, 'assembly', 'index.ts');
const out = join(kernelDir, 'build', 'stacker.wasm');

/** Newest modification time of the kernel's sources (every .ts under assembly/, and asconfig.json). */
function newestSource() {
	const files = readdirSync(join(kernelDir, 'assembly'), { recursive: true }).map((f) => join(kernelDir, 'assembly', String(f)));
	files.push(join(kernelDir, 'asconfig.json'), fileURLToPath(import.meta.url));
	return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

function upToDate() {
	try {
		return statSync(out).mtimeMs >= newestSource();
	} catch {
		return false;
	}
}

if (process.argv.includes('--if-missing') && upToDate()) {
	console.log(`kernel: ${out} is up to date`);
	process.exit(0);
}

const { default: asc } = await import('assemblyscript/asc');
mkdirSync(dirname(out), { recursive: true });
const errors = [];
const started = performance.now();
// Options live in asconfig.json so editors and this script agree; simd only, never relaxed-simd.
const { error } = await asc.main(
	[entry, '--config', join(kernelDir, 'asconfig.json'), '--target', 'release', '--outFile', out],
	{ stdout: { write: () => true }, stderr: { write: (s) => (errors.push(String(s)), true) } }
);
if (error) {
	console.log(`kernel: build failed: ${error.message}\n${errors.join('')}`);
	process.exit(1);
}
const size = statSync(out).size;
console.log(`kernel: built ${out} (${size} bytes) in ${Math.round(performance.now() - started)} ms`);
