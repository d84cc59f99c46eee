import { Readable } from 'node:stream';
import { stackStorage } from '$lib/server/storage';
import { ApiError } from '$lib/server/http';

/** A file streamed from storage: its length first (for Content-Length), its bytes when read. */
export interface StreamedFile {
	size: number;
	chunks: AsyncIterable<Uint8Array>;
}

/** A stored stack file as it is; 404 when the file is gone. */
export async function storedFile(path: string | null): Promise<StreamedFile> {
	const storage = stackStorage();
	const stat = path ? await storage.stat(path) : null;
	if (!path || !stat) throw new ApiError(404, 'the stack file is no longer stored');
	return { size: stat.size, chunks: await storage.read(path) };
}

/**
 * A stored stack file streamed to the client through the server (storage credentials stay here),
 * with its size and, for downloads, a Content-Disposition naming it; `transform` (which keeps the
 * length, e.g. scrubbing) is applied on the way. 404 when the file is gone.
 */
export async function fileResponse(
	path: string | null,
	type: string,
	download?: string,
	transform?: (source: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>
): Promise<Response> {
	return streamedResponse(await storedFile(path), type, download, transform);
}

/** `file` as the answer, as fileResponse says. */
export function streamedResponse(
	file: StreamedFile,
	type: string,
	download?: string,
	transform: (source: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array> = (source) => source
): Response {
	const headers: Record<string, string> = {
		'content-type': type,
		'content-length': String(file.size),
		'cache-control': 'private, no-store'
	};
	if (download) headers['content-disposition'] = attachment(download);
	return new Response(toWebStream(transform(file.chunks)), { headers });
}

/** Bytes held in memory (a cached answer, shared: not copied) as the answer, headed as streamedResponse heads a file. */
export function bytesResponse(bytes: Uint8Array, type: string, download?: string): Response {
	const headers: Record<string, string> = { 'content-type': type, 'content-length': String(bytes.length), 'cache-control': 'private, no-store' };
	if (download) headers['content-disposition'] = attachment(download);
	return new Response(bytesStream(bytes), { headers });
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266 / 8187). */
export function attachment(name: string): string {
	const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'download';
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A Node stream (or any async iterable of bytes) as the web stream a Response takes. */
export function toWebStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
	return Readable.toWeb(Readable.from(source)) as unknown as ReadableStream<Uint8Array>;
}

/** Bytes a stream hands on at a time. */
const STREAM_CHUNK = 256 * 1024;

/**
 * Bytes held in memory as a web stream of views into them, handed on as the client reads: a
 * Response made from the array itself would copy it whole, once per request, for answers that
 * share one cached array.
 */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at >= bytes.length) return controller.close();
			controller.enqueue(bytes.subarray(at, at + STREAM_CHUNK));
			at += STREAM_CHUNK;
		}
	});
}
