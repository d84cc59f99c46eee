/** Spellings of the symbols our messages use, in the ASCII a FITS header allows. */
const ASCII_SPELLINGS: Record<string, string> = { '°': ' deg', '′': "'", '″': '"', '×': 'x', '±': '+/-', '…': '...', '–': '-', '—': '-', '’': "'" };

/**
 * Free text (a reason, a message) as a FITS string value: printable ASCII only (FITS 4.1.1) — the
 * symbols our messages use spelled out, anything else as '?' — cut to `max` characters.
 */
export function headerText(text: string, max: number): string {
	let out = '';
	for (const ch of text) {
		const code = ch.charCodeAt(0);
		out += code >= 0x20 && code <= 0x7e && ch.length === 1 ? ch : (ASCII_SPELLINGS[ch] ?? '?');
	}
	return out.slice(0, max);
}
