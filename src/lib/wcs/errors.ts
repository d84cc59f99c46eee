/** A header whose world coordinate cards cannot be read, or a WCS that cannot be built. */
export class WcsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WcsError';
	}
}
