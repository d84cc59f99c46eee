import type { SkyObject } from './types';

/** What `objects.json` holds: the source and licence, then one object a line as a row of `COLUMNS`. */
export interface ObjectsFile {
	source: string;
	licence: string;
	columns: typeof COLUMNS;
	objects: [string[], string[], number, number, number | null, number | null, string][];
}

export const COLUMNS = ['ids', 'names', 'ra', 'dec', 'major', 'minor', 'type'] as const;
export const SOURCE = "OpenNGC (Mattia Verga, release v20210306) as KStars ships it: Debian's kstars-data, /usr/share/kstars/OpenNGC.kscat";
export const LICENCE = 'CC-BY-SA-4.0';

/** The file's text: JSON with one object a line, so a rebuild's diff reads object by object. */
export function encodeObjects(objects: readonly SkyObject[]): string {
	const rows = objects.map((o) => JSON.stringify([o.ids, o.names, o.ra, o.dec, o.major, o.minor, o.type]));
	const head = `{"source":${JSON.stringify(SOURCE)},"licence":${JSON.stringify(LICENCE)},"columns":${JSON.stringify(COLUMNS)},"objects":[`;
	return `${head}\n${rows.join(',\n')}\n]}\n`;
}

export function decodeObjects(file: ObjectsFile): SkyObject[] {
	return file.objects.map(([ids, names, ra, dec, major, minor, type]) => ({ ids, names, ra, dec, major, minor, type }));
}
