// Re-dating real frames, for the bench and the drill: one frame set becomes many chunks.
import { parseHeader, setPrimaryCards } from '../../src/lib/fits';

/** The frame with its DATE-OBS moved on by `minutes`, pixels untouched; `name` says which frame had none. */
export function redatedFrame(bytes: Uint8Array, minutes: number, name: string): Uint8Array {
	const dateObs = parseHeader(bytes).header.string('DATE-OBS');
	if (!dateObs) throw new Error(`${name} has no DATE-OBS to shift`);
	return setPrimaryCards(bytes, [{ key: 'DATE-OBS', value: shiftDateObs(dateObs, minutes), comment: 'Image created time' }]);
}

/** DATE-OBS moved on by `minutes`, the Seestar's 'YYYY-MM-DDTHH:MM:SS.ffffff' kept (fraction unchanged). */
function shiftDateObs(value: string, minutes: number): string {
	const [whole, fraction] = value.split('.');
	const ms = Date.parse(`${whole}Z`);
	if (!Number.isFinite(ms)) throw new Error(`DATE-OBS ${JSON.stringify(value)} is not a UTC date and time`);
	const moved = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
	return fraction === undefined ? moved : `${moved}.${fraction}`;
}
