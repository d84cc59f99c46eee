import { ApiError } from './api-error';

/** The largest value of an INT UNSIGNED column: a larger count is refused before the database sees it. */
export const INT_UNSIGNED_MAX = 2 ** 32 - 1;

/**
 * A whole number from `min` to `max` sent as a JSON number or as query/form text; anything else
 * (fractions, out of range, not a number) is a 400 naming the field and its range.
 */
export function wholeNumber(value: unknown, name: string, min: number, max: number): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		throw new ApiError(400, `${name} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
	}
	return n;
}
