// What each observer uploads: a night of `jobs` chunks made of one frame set re-dated 15 minutes
// apart (a free observer's window, so each chunk is its own job), plus two frames that must be
// refused with a reason: a PNG renamed .fit, and a frame whose DATE-OBS card is blanked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parseHeader } from '../src/lib/fits';
import { redatedFrame } from '../tests/harness/redate';

/** Free observers' chunk window: chunks this far apart never share a job. */
const CHUNK_SPACING_MIN = 15;
const CARD = 80;

export interface NightFrame {
	name: string;
	bytes: Uint8Array;
	/** Made to be refused at upload (and why, for the drill's report). */
	bad?: string;
}

/** The frames of observer `index` (0-based), good ones first; every name is unique within the night. */
export function observerNight(index: number, jobs: number, set: { dir: string; files: string[] }): NightFrame[] {
	const originals = set.files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(set.dir, file))) }));
	const night: NightFrame[] = [];
	for (let chunk = 0; chunk < jobs; chunk++) {
		// Each observer's night starts on its own hours, so no two observers' windows coincide either.
		const minutes = (index * jobs + chunk) * CHUNK_SPACING_MIN;
		for (const { file, bytes } of originals) {
			night.push({ name: file.replace(/\.fits?$/, `_obs${index}_chunk${chunk}.fit`), bytes: redatedFrame(bytes, minutes, file) });
		}
	}
	night.push({ name: `not_a_fits_obs${index}.fit`, bytes: pngBytes(), bad: 'a PNG renamed .fit' });
	night.push({ name: `no_date_obs_obs${index}.fit`, bytes: withoutCard(originals[0].bytes, 'DATE-OBS'), bad: 'a frame without DATE-OBS' });
	return night;
}

/** The file with `key`'s card blanked (80 spaces, a valid FITS card), so the header no longer has it. */
function withoutCard(file: Uint8Array, key: string): Uint8Array {
	const copy = file.slice();
	const { end } = parseHeader(copy, 0);
	for (let at = 0; at < end; at += CARD) {
		const name = String.fromCharCode(...copy.subarray(at, at + 8)).trimEnd();
		if (name === key) copy.fill(0x20, at, at + CARD);
	}
	if (parseHeader(copy).header.string(key) !== undefined) throw new Error(`could not blank ${key}`);
	return copy;
}

function pngBytes(): Uint8Array {
	const png = new PNG({ width: 16, height: 16 });
	png.data.fill(128);
	return new Uint8Array(PNG.sync.write(png));
}
