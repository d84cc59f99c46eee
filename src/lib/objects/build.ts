import { execFileSync } from 'node:child_process';
import { designationsIn } from './names';
import type { SkyObject } from './types';

/** Debian's kstars-data: KStars' import of OpenNGC (NGC, IC and the Messier objects), a SQLite file. */
export const DEFAULT_KSCAT = '/usr/share/kstars/OpenNGC.kscat';

/** KStars' SkyObject type numbers as OpenNGC's rows use them; 255 is OpenNGC's Dup/NonEx/Other. */
const TYPES: Record<number, string> = {
	0: 'star',
	3: 'open cluster',
	4: 'globular cluster',
	5: 'nebula',
	6: 'planetary nebula',
	7: 'supernova remnant',
	8: 'galaxy',
	13: 'asterism',
	14: 'galaxy cluster',
	17: 'multiple star',
	255: 'other'
};
/** Other catalogues' numbers in long_name (PGC, UGC, …): not names, and not looked up here. */
const OTHER_CATALOGUE = /^[A-Z]{2,}\s*\d/;

interface Row {
	type: number;
	ra: number;
	dec: number;
	name: string;
	long_name: string | null;
	catalog_identifier: string;
	major_axis: number | null;
	minor_axis: number | null;
}

/** Every object of the .kscat file in catalogue order (IC, then NGC, as KStars stores them). */
export function readKscat(file = DEFAULT_KSCAT): SkyObject[] {
	// The sqlite3 CLI, since Node 20 has no SQLite of its own; -json keeps the reals exact.
	const out = execFileSync(
		'sqlite3',
		['-readonly', '-json', file, 'SELECT type, ra, dec, name, long_name, catalog_identifier, major_axis, minor_axis FROM cat ORDER BY rowid'],
		{ maxBuffer: 64 << 20, encoding: 'utf8' }
	);
	return (JSON.parse(out) as Row[]).map(toObject);
}

function toObject(r: Row): SkyObject {
	if (!Number.isFinite(r.ra) || !Number.isFinite(r.dec)) throw new Error(`${r.name}: no position`);
	const ids = [...designationsIn(r.name), ...designationsIn(r.catalog_identifier)];
	const names: string[] = [];
	for (const part of (r.long_name ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
		const found = designationsIn(part);
		if (found.length) ids.push(...found);
		else if (!OTHER_CATALOGUE.test(part)) names.push(part);
	}
	return {
		ids: [...new Set(ids)],
		names,
		ra: round(r.ra, 5),
		dec: round(r.dec, 5),
		major: r.major_axis === null ? null : round(r.major_axis, 2),
		minor: r.minor_axis === null ? null : round(r.minor_axis, 2),
		type: TYPES[r.type] ?? 'other'
	};
}

function round(x: number, places: number): number {
	return Number(x.toFixed(places));
}
