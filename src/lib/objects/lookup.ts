import { designationsIn } from './names';
import type { SkyObject } from './types';

/** Finds objects by designation; build it once per catalogue. */
export function designationIndex(objects: readonly SkyObject[]): Map<string, SkyObject> {
	const index = new Map<string, SkyObject>();
	for (const o of objects) for (const id of o.ids) if (!index.has(id)) index.set(id, o);
	return index;
}

/** The catalogued objects a free-text filter names (`M94`, `ngc 4736, IC 434`), each once. */
export function objectsNamed(index: Map<string, SkyObject>, text: string): SkyObject[] {
	const found = designationsIn(text)
		.map((id) => index.get(id))
		.filter((o): o is SkyObject => o !== undefined);
	return [...new Set(found)];
}
