import { Readable } from 'node:stream';
import { stackStorage } from '$lib/server/storage';
import { ApiError } from '$lib/server/http';

/**
 * A stored stack file streamed to the client through the server (storage credentials stay here),
 * with its size and, for downloads, a Content-Disposition naming it; `transform` (which keeps the
 * length, e.g. scrubbing) is applied on the way. 404 when the file is gone.
 */
export async function fileResponse(
	path: string | null,
	type: string,
	download?: string,
	transform: (source: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array> = (source) => source
): Promise<Response> {
	const storage = stackStorage();
	const stat = path ? await storage.stat(path) : null;
	if (!path || !stat) throw new ApiError(404, 'the stack file is no longer stored');
	const headers: Record<string, string> = {
		'content-type': type,
		'content-length': String(stat.size),
		'cache-control': 'private, no-store'
	};
	if (download) headers['content-disposition'] = attachment(download);
	return new Response(toWebStream(transform(await storage.read(path))), { headers });
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
