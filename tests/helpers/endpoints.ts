/**
 * Every page, form-action set and endpoint method under src/routes, read from the files, so a test
 * can insist that it covers all of them (a new route cannot be forgotten).
 *
 * Keys: `PAGE /stacks/[id]` for a +page.svelte, `ACTIONS /account` for a +page.server.ts that
 * exports `actions`, `GET /api/stacks/[id]` for each method a +server.ts exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROUTES = new URL('../../src/routes/', import.meta.url).pathname;
const METHOD_EXPORT = /export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;
const ACTIONS_EXPORT = /export\s+const\s+actions\b/;

function routeId(dir: string): string {
	const relative = path.relative(ROUTES, dir).split(path.sep).join('/');
	return `/${relative}`;
}

function walk(dir: string, keys: string[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			walk(file, keys);
			continue;
		}
		const id = routeId(dir);
		if (entry.name === '+page.svelte') keys.push(`PAGE ${id}`);
		else if (/^\+page\.server\.[jt]s$/.test(entry.name) && ACTIONS_EXPORT.test(readFileSync(file, 'utf8'))) {
			keys.push(`ACTIONS ${id}`);
		} else if (/^\+server\.[jt]s$/.test(entry.name)) {
			for (const [, method] of readFileSync(file, 'utf8').matchAll(METHOD_EXPORT)) keys.push(`${method} ${id}`);
		}
	}
}

/** All route keys, sorted. */
export function listRouteKeys(routesDir = ROUTES): string[] {
	const keys: string[] = [];
	walk(routesDir, keys);
	return keys.sort();
}
