import type * as V8 from 'node:v8';
import type * as Vm from 'node:vm';

type Gc = (opts: { type: 'minor' | 'major' }) => void;
let gc: Gc | undefined;

/**
 * A young-generation collection on this thread in Node (well under a millisecond); nothing in a
 * browser. Called where a step's garbage has just died, it frees that garbage (and the bytes it
 * holds outside the heap) at once instead of when V8 next gets round to it.
 */
export function youngGc(): void {
	gc ??= nodeGc();
	gc({ type: 'minor' });
}

/**
 * A full collection on this thread in Node (about 10-20 ms on the stacker's ~30 MB heap); nothing in
 * a browser. For garbage that outlived a few young collections and was promoted: V8 lets the old
 * generation grow to several times its live size before it collects that.
 */
export function fullGc(): void {
	gc ??= nodeGc();
	gc({ type: 'major' });
}

function nodeGc(): Gc {
	// getBuiltinModule, not an import: this module is also bundled for browsers, where there is no GC to call.
	const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
	if (!getBuiltin) return () => {};
	(getBuiltin('node:v8') as typeof V8).setFlagsFromString('--expose-gc');
	return (getBuiltin('node:vm') as typeof Vm).runInNewContext('gc') as Gc;
}
