/** An operator's mistake on `npm run admin` (unknown or ambiguous prefix, bad number): one line, exit code 1. */
export class AdminError extends Error {
	name = 'AdminError';
}
