import type { CardValue } from './card-value';

/** A header value for an error message, as it looks in the file: 'text', T/F, numbers. */
export function show(value: CardValue | undefined): string {
	if (typeof value === 'string') return `'${value}'`;
	if (typeof value === 'boolean') return value ? 'T' : 'F';
	return String(value);
}
