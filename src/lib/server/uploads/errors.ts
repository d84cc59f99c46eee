/** HTTP statuses an upload verb may refuse with; endpoints answer `{ message }` with the status. */
export type UploadErrorStatus = 400 | 404 | 409 | 413;

/** A refusal the client can act on: the message names the bad value and what is accepted. */
export class UploadError extends Error {
	readonly status: UploadErrorStatus;

	constructor(status: UploadErrorStatus, message: string) {
		super(message);
		this.name = 'UploadError';
		this.status = status;
	}
}

/** The same answer for an unknown token and another user's session: nothing about who owns it. */
export function sessionNotFound(): UploadError {
	return new UploadError(404, 'No such upload session: start a new upload');
}
