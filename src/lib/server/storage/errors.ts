/** A storage operation failed; the message names the store (never its password) and the path. */
export class StorageError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'StorageError';
	}
}

/** The object asked for does not exist. */
export class StorageNotFound extends StorageError {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'StorageNotFound';
	}
}
