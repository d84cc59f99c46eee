/**
 * Records what a page's Content Security Policy refuses: `securitypolicyviolation` events from a
 * listener installed before any page script (reset by each document load), and console errors.
 */
import type { BrowserContext, Page } from 'playwright-core';

declare global {
	interface Window {
		cspViolations: string[];
	}
}

export interface CspWatch {
	/** The violations of the page's current document. */
	violations: () => Promise<string[]>;
	/** Every console error and uncaught exception since the watch began. */
	consoleErrors: string[];
	/** The console errors that are the policy's refusals. */
	refusals: () => string[];
}

/** Installs the listener in every page of `context`; call before the page's first navigation. */
export async function watchCspIn(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		window.cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
		});
	});
}

/** Watches `page` (its context must have `watchCspIn` installed). */
export function watchCsp(page: Page): CspWatch {
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => consoleErrors.push(error.message));
	return {
		violations: () => page.evaluate(() => window.cspViolations),
		consoleErrors,
		refusals: () => consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))
	};
}
