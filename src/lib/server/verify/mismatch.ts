/** A result the kernel contradicts, or a report it cannot follow: the message names the frame, band or part. */
export class Mismatch extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'Mismatch';
	}
}
