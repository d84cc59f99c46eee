import { createHash } from 'node:crypto';
import { LocationScrubber, type ScrubOptions } from '$lib/fits';
import { HeaderCollector } from './header-collector';
import { MAX_FILE_BYTES } from '$lib/api/uploads';
import { formatMb } from '$lib/format';
import { ApiError } from '$lib/server/http';
import { errorMessage } from '$lib/util/error-message';

export interface BodyDigest {
	bytes: number;
	sha256: string;
	/** Of the bytes workers will download (scrubbed as `scrub` says); null when the header could not be read (the checks refuse such a file). */
	scrubbedSha256: string | null;
	head: Uint8Array;
}

/**
 * Passes a request body through, chunk by chunk, while hashing it (as sent, and as workers will
 * download it, scrubbed by `scrub`, so a claim never re-reads the frame to hash it), counting it against the
 * declared Content-Length and MAX_FILE_BYTES, and keeping the first header. `digest()` is valid
 * once the iteration has finished without error; `failure()` says why it did not.
 */
export function hashingStream(
	body: ReadableStream<Uint8Array>,
	declaredLength: number,
	scrub: ScrubOptions
): { chunks: AsyncIterable<Uint8Array>; digest: () => BodyDigest; failure: () => ApiError | undefined } {
	const hash = createHash('sha256');
	const scrubbed = scrubbedHash(scrub);
	const head = new HeaderCollector();
	let bytes = 0;
	let result: BodyDigest | undefined;
	let failure: ApiError | undefined;

	async function* chunks(): AsyncGenerator<Uint8Array> {
		const reader = body.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				bytes += value.length;
				// declaredLength is at most MAX_FILE_BYTES, so this also holds the size limit.
				if (bytes > declaredLength) {
					throw new ApiError(400, `the body is longer than its Content-Length of ${declaredLength} bytes`);
				}
				hash.update(value);
				scrubbed.update(value);
				head.add(value);
				yield value;
			}
		} catch (error) {
			failure = error instanceof ApiError ? error : bodyBroken(bytes, declaredLength, error);
			throw failure;
		} finally {
			// Released, not cancelled: the route funnel reads away what a refused body still sends.
			reader.releaseLock();
		}
		if (bytes < declaredLength) {
			throw (failure = new ApiError(400, `the body ended after ${bytes} of the ${declaredLength} bytes its Content-Length announced`));
		}
		result = { bytes, sha256: hash.digest('hex'), scrubbedSha256: scrubbed.digest(), head: head.bytes() };
	}

	return {
		chunks: chunks(),
		digest: () => {
			if (!result) throw new Error('hashingStream: digest() before the body was read to its end');
			return result;
		},
		/** Why the body was refused, when it was: storage backends may wrap the error they saw. */
		failure: () => failure
	};
}

/** The SHA-256 of the scrubbed bytes; a header the scrubber cannot read gives null, never a failed upload. */
function scrubbedHash(options: ScrubOptions): { update: (chunk: Uint8Array) => void; digest: () => string | null } {
	const hash = createHash('sha256');
	let scrubber: LocationScrubber | null = new LocationScrubber(options);
	const feed = (parts: () => Uint8Array[]) => {
		try {
			for (const part of parts()) hash.update(part);
		} catch {
			scrubber = null;
		}
	};
	return {
		update: (chunk) => scrubber && feed(() => scrubber!.push(chunk)),
		digest: () => {
			if (scrubber) feed(() => scrubber!.end());
			return scrubber ? hash.digest('hex') : null;
		}
	};
}

/** A connection dropped mid-body (or adapter-node refused it): say how far it got. */
function bodyBroken(bytes: number, declaredLength: number, cause: unknown): ApiError {
	const reason = errorMessage(cause);
	if ((cause as { status?: number })?.status === 413) {
		return new ApiError(413, `${reason} (the server's BODY_SIZE_LIMIT is below the ${formatMb(MAX_FILE_BYTES)} file limit)`);
	}
	return new ApiError(400, `the upload broke off after ${bytes} of ${declaredLength} bytes (${reason})`);
}
