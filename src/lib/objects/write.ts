import { writeFileSync } from 'node:fs';
import { readKscat } from './build';
import { encodeObjects } from './file-format';

/** Builds `objects.json` from the .kscat file at `out`; the count and size in bytes. */
export function writeObjects(kscat: string, out: string): { objects: number; bytes: number } {
	const objects = readKscat(kscat);
	const text = encodeObjects(objects);
	writeFileSync(out, text);
	return { objects: objects.length, bytes: Buffer.byteLength(text) };
}
