import { describe, expect, it } from 'vitest';
import { safeRedirect } from '$lib/server/auth/guard';

const SITE = 'https://crowdsky.example.org';

/** Where a browser goes when a page on SITE answers `Location: target`. */
function landing(target: string): URL {
	return new URL(target, `${SITE}/login`);
}

describe('safeRedirect', () => {
	it('keeps same-site paths with their query and fragment', () => {
		for (const path of ['/upload', '/upload?x=1', '/stacks/42#report', '/status?job=3&x=%2F']) {
			expect(safeRedirect(path)).toBe(path);
		}
	});

	it('falls back to /account when there is nothing to go to', () => {
		for (const empty of [null, undefined, '', '   ']) expect(safeRedirect(empty)).toBe('/account');
		expect(safeRedirect('https://evil.example/', '/')).toBe('/');
	});

	it('never leaves the site, whatever the control characters, backslashes or dot segments', () => {
		const hostile = [
			'https://evil.example/',
			'//evil.example',
			'///evil.example',
			'/\\evil.example',
			'\\\\evil.example',
			'/\t/evil.example/phish',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'\t//evil.example',
			'/\u0000/evil.example',
			'/\u007f/evil.example',
			'/\u0085/evil.example',
			'/.//evil.example',
			'/./\\evil.example',
			'/a/..//evil.example',
			'/%2e//evil.example',
			'javascript:alert(1)',
			' /\t/evil.example',
			'upload',
			'http:evil.example',
			'/\\/evil.example'
		];
		for (const target of hostile) {
			const result = safeRedirect(target);
			expect(result, JSON.stringify(target)).toMatch(/^\/(?![/\\])/);
			expect(landing(result).origin, JSON.stringify(target)).toBe(SITE);
			// A Location header holds only printable ASCII: anything else is a 500 from Node.
			expect(result, JSON.stringify(target)).toMatch(/^[\x21-\x7e]+$/);
		}
	});

	it('encodes what a Location header cannot carry instead of failing on it', () => {
		expect(safeRedirect('/。')).toBe('/%E3%80%82');
		expect(safeRedirect('/stacks?object=M 31')).toBe('/stacks?object=M%2031');
		expect(landing(safeRedirect('/stacks?object=Ω')).pathname).toBe('/stacks');
	});
});
