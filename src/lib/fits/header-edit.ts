import { formatCard } from './card-format';
import { BLOCK_BYTES, CARD_BYTES, parseHeader, type Card } from './header';

/**
 * Sets cards in the primary header of a whole FITS file: a card whose key is already there is
 * replaced where it stands, a new one goes just before END. The header grows by whole 2880-byte
 * blocks when it must; the HDUs after it are copied unchanged.
 */
export function setPrimaryCards(file: Uint8Array, cards: Card[]): Uint8Array {
	return editPrimaryHeader(file, (lines) => {
		for (const card of cards) {
			const formatted = formatCard(card);
			const at = lines.findIndex((line) => keyOf(line) === card.key && line.slice(8, 10) === '= ');
			if (at >= 0) lines.splice(at, 1, ...formatted);
			else lines.push(...formatted);
		}
		return lines;
	});
}

/**
 * Removes from the primary header of a whole FITS file every keyword card (KEY = value) whose key
 * `remove` accepts; COMMENT, HISTORY and blank cards stay. The header shrinks by whole blocks.
 */
export function removePrimaryCards(file: Uint8Array, remove: (key: string) => boolean): Uint8Array {
	return editPrimaryHeader(file, (lines) => lines.filter((line) => !(line.slice(8, 10) === '= ' && remove(keyOf(line)))));
}

function keyOf(line: string): string {
	return line.slice(0, 8).trimEnd();
}

/** The primary header's cards (END excluded) through `edit`, written back in whole blocks before the unchanged rest. */
function editPrimaryHeader(file: Uint8Array, edit: (lines: string[]) => string[]): Uint8Array {
	const { end } = parseHeader(file, 0);
	const original: string[] = [];
	for (let at = 0; at < end; at += CARD_BYTES) {
		const line = String.fromCharCode(...file.subarray(at, at + CARD_BYTES));
		if (line.startsWith('END     ')) break;
		original.push(line);
	}
	const lines = edit(original);
	lines.push('END'.padEnd(CARD_BYTES));
	const headerLength = Math.ceil((lines.length * CARD_BYTES) / BLOCK_BYTES) * BLOCK_BYTES;
	const out = new Uint8Array(headerLength + file.length - end);
	out.fill(0x20, 0, headerLength);
	const text = lines.join('');
	for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
	out.set(file.subarray(end), headerLength);
	return out;
}
