/**
 * Designations in one spelling, `M 94`, `NGC 4736`, `IC 434`, `NGC 61A`, so that what an observer
 * types (`m94`, `Messier 94`, `ngc 4736`, `NGC0061a`) and what the catalogue holds meet.
 */
const PREFIXES: Record<string, string> = { m: 'M', messier: 'M', ngc: 'NGC', ic: 'IC' };
const DESIGNATION = /\b(messier|ngc|ic|m)\s*0*(\d{1,4})([a-z]?)(?![a-z\d])/gi;

/** Every M, NGC or IC designation in a free-text filter, canonical, in order, without repeats. */
export function designationsIn(text: string): string[] {
	const out: string[] = [];
	for (const [, prefix, number, suffix] of text.matchAll(DESIGNATION)) {
		const id = `${PREFIXES[prefix.toLowerCase()]} ${Number(number)}${suffix.toUpperCase()}`;
		if (!out.includes(id)) out.push(id);
	}
	return out;
}
