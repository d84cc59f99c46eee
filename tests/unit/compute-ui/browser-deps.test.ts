/** The Compute tab's one precondition: Web Workers and WebAssembly; cross-origin isolation is not needed. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cannotStack } from '$lib/compute/ui/browser-deps';

afterEach(() => vi.unstubAllGlobals());

describe('cannotStack', () => {
	it('lets a tab that is not cross-origin isolated (no SharedArrayBuffer) stack', () => {
		vi.stubGlobal('Worker', class {});
		vi.stubGlobal('crossOriginIsolated', false);
		vi.stubGlobal('SharedArrayBuffer', undefined);
		expect(cannotStack()).toBeNull();
	});

	it('names what is missing: Web Workers or WebAssembly', () => {
		vi.stubGlobal('Worker', undefined);
		expect(cannotStack()).toMatch(/no Web Workers/);
		vi.stubGlobal('WebAssembly', undefined);
		expect(cannotStack()).toMatch(/no WebAssembly/);
	});
});
