import type { StackSummary } from '$lib/api/stacks';
import { objectName } from '$lib/format';
import { objectsInField, objectsNamed, type SkyObject } from '$lib/objects';

/** One target across nights: every stack of it, and the one to show. */
export interface Target {
	/** The catalogue's designation (`M 94`), else the stacks' own object name. */
	name: string;
	/** A common name or the other designations (`NGC 4736`), when the catalogue has them. */
	aka: string | null;
	stacks: number;
	/** Distinct observing nights: a night runs from noon to noon UTC, so one crossing midnight counts once. */
	nights: number;
	/** Seconds over all its stacks. */
	exposure: number;
	first: string | null;
	last: string | null;
	/** The deepest stack (most exposure, then most frames aligned): its picture stands for the target. */
	best: StackSummary;
}

/** A stack belongs to the catalogued object its centre lies this close to, when its name names none. */
const CENTRE_RADIUS_DEG = 0.35;
const HALF_DAY_MS = 12 * 3600_000;

/** The catalogued object a stack shows: the one its name designates, else the one nearest its centre. */
function objectOf(stack: StackSummary, index: Map<string, SkyObject>, objects: readonly SkyObject[]): SkyObject | null {
	if (stack.object) {
		const [named] = objectsNamed(index, stack.object);
		if (named) return named;
	}
	if (stack.ra === null || stack.dec === null) return null;
	return objectsInField(objects, stack.ra, stack.dec, CENTRE_RADIUS_DEG)[0] ?? null;
}

/** Spaces, case and punctuation aside, two names of one field are the same: "ngc7023" = "NGC 7023". */
function nameKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const deeper = (a: StackSummary, b: StackSummary) => (b.exposure ?? 0) - (a.exposure ?? 0) || b.framesAligned - a.framesAligned || b.id - a.id;

/** The user's stacks as targets, the most observed (by exposure) first. */
export function groupTargets(stacks: readonly StackSummary[], index: Map<string, SkyObject>, objects: readonly SkyObject[]): Target[] {
	const groups = new Map<string, { name: string; aka: string | null; stacks: StackSummary[] }>();
	for (const stack of stacks) {
		const object = objectOf(stack, index, objects);
		const name = object?.ids[0] ?? objectName(stack.object);
		const key = object ? `object:${object.ids[0]}` : `name:${nameKey(name)}`;
		const aka = object ? (object.names[0] ?? (object.ids.slice(1).join(', ') || null)) : null;
		const group = groups.get(key) ?? groups.set(key, { name, aka, stacks: [] }).get(key)!;
		group.stacks.push(stack);
	}
	const targets = [...groups.values()].map(({ name, aka, stacks: list }): Target => {
		const starts = list.map((s) => s.start).filter((s): s is string => s !== null).sort();
		const ends = list.map((s) => s.end ?? s.start).filter((s): s is string => s !== null).sort();
		const nights = new Set(starts.map((s) => Math.floor((Date.parse(s) - HALF_DAY_MS) / (2 * HALF_DAY_MS))));
		return {
			name,
			aka,
			stacks: list.length,
			nights: nights.size,
			exposure: list.reduce((sum, s) => sum + (s.exposure ?? 0), 0),
			first: starts[0] ?? null,
			last: ends[ends.length - 1] ?? null,
			best: [...list].sort(deeper)[0]
		};
	});
	return targets.sort((a, b) => b.exposure - a.exposure || a.name.localeCompare(b.name));
}
