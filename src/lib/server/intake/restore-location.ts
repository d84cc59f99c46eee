import { setPrimaryCards, type Card } from '$lib/fits';
import { readRawHeader } from './raw-header';

/** The cards scrubbed from (or pseudonymised in) what workers saw, put back into the owner's stack. */
const RESTORED: Record<string, string> = {
	SITELAT: '[deg] latitude of the site',
	SITELONG: '[deg] longitude of the site',
	TELESCOP: 'telescope of the reference frame'
};

/**
 * The stack with the observer's SITELAT/SITELONG and real TELESCOP from the job's first original
 * frame written into its PRIMARY header (replacing what the worker sent: no location, the
 * telescope's pseudonym). Unchanged when the frame has none of them.
 */
export async function restoreLocation(stack: Uint8Array, firstFramePath: string): Promise<Uint8Array> {
	const header = await readRawHeader(firstFramePath);
	const cards: Card[] = [];
	for (const [key, comment] of Object.entries(RESTORED)) {
		const value = header.get(key);
		if (value === undefined || value === null) continue;
		cards.push({ key, value, comment });
	}
	return cards.length > 0 ? setPrimaryCards(stack, cards) : stack;
}
