import { setPrimaryCards, type Card } from '$lib/fits';
import { readRawHeader } from './raw-header';

/** The cards scrubbed from what workers saw, put back into the owner's stack. */
const LOCATION_KEYS = ['SITELAT', 'SITELONG'] as const;

/**
 * The stack with the observer's SITELAT/SITELONG from the job's first original frame written
 * into its PRIMARY header (replacing any the worker sent). Unchanged when the frame has none.
 */
export async function restoreLocation(stack: Uint8Array, firstFramePath: string): Promise<Uint8Array> {
	const header = await readRawHeader(firstFramePath);
	const cards: Card[] = [];
	for (const key of LOCATION_KEYS) {
		const value = header.get(key);
		if (value === undefined || value === null) continue;
		cards.push({ key, value, comment: key === 'SITELAT' ? '[deg] latitude of the site' : '[deg] longitude of the site' });
	}
	return cards.length > 0 ? setPrimaryCards(stack, cards) : stack;
}
