import { ApiError, readBodyLimited, readForm } from '$lib/server/http';
import { formatMb } from '$lib/format';

/**
 * The largest stack accepted from a telescope. A full-size RGB float32 stack is about 30 MB; the
 * bound stays under serve.js's default BODY_SIZE_LIMIT (64M), which would refuse more anyway.
 */
export const MAX_TELESCOPE_STACK_BYTES = 60 * 1024 * 1024;

/** Room for a multipart body's boundaries and `meta` part around the stack. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface TelescopeMeta {
	/** Overrides the header's OBJECT. */
	object?: string;
	/** Blank SITELAT/SITELONG (and other site positions) before storing. */
	scrubLocation?: boolean;
}

/**
 * The upload: multipart with `stack` (the FITS) and optional `meta` (JSON), or the FITS itself as
 * the body (`Content-Type: application/fits` or `application/octet-stream`) with `object` and
 * `scrubLocation=1` in the query — SvelteKit refuses multipart posts without a same-site Origin,
 * which scripts (curl) do not send. 400 or 413 when it cannot be.
 */
export async function parseTelescopeUpload(request: Request, url: URL): Promise<{ bytes: Uint8Array; meta: TelescopeMeta }> {
	const declared = Number(request.headers.get('content-length'));
	if (declared > MAX_TELESCOPE_STACK_BYTES + MULTIPART_OVERHEAD) throw tooLarge(declared);
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	if (type === 'application/fits' || type === 'application/octet-stream' || type === 'image/fits') {
		const bytes = await readBodyLimited(request, MAX_TELESCOPE_STACK_BYTES, tooLarge);
		if (bytes.length === 0) throw new ApiError(400, 'the body must be the stack\'s FITS file');
		const object = url.searchParams.get('object');
		const scrub = url.searchParams.get('scrubLocation');
		if (scrub !== null && !['1', 'true', '0', 'false'].includes(scrub)) throw new ApiError(400, `scrubLocation ${JSON.stringify(scrub)} must be 1, true, 0 or false`);
		return { bytes, meta: checkMeta({ object: object ?? undefined, scrubLocation: scrub === null ? undefined : scrub === '1' || scrub === 'true' }) };
	}
	// Read within the limit first: a chunked body has no Content-Length to refuse it by.
	const limited = new Request(request.url, { method: 'POST', headers: request.headers, body: await readBodyLimited(request, MAX_TELESCOPE_STACK_BYTES + MULTIPART_OVERHEAD, tooLarge) });
	const form = await readForm(limited, 'a part "stack" (the FITS file) and optionally "meta" (JSON)');
	const stack = form.get('stack');
	if (!(stack instanceof Blob) || stack.size === 0) throw new ApiError(400, 'the part "stack" must be the stack\'s FITS file');
	if (stack.size > MAX_TELESCOPE_STACK_BYTES) throw tooLarge(stack.size);
	return { bytes: new Uint8Array(await stack.arrayBuffer()), meta: parseMeta(form.get('meta')) };
}

function tooLarge(size: number): ApiError {
	return new ApiError(413, `the stack is ${formatMb(size)}; at most ${formatMb(MAX_TELESCOPE_STACK_BYTES)} are accepted`);
}

function parseMeta(part: FormDataEntryValue | null): TelescopeMeta {
	if (part === null) return {};
	const shape = 'the part "meta" must be JSON: { "object"?: string (1-255 characters), "scrubLocation"?: boolean }';
	let meta: unknown;
	try {
		meta = JSON.parse(typeof part === 'string' ? part : '');
	} catch {
		throw new ApiError(400, shape);
	}
	if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new ApiError(400, shape);
	return checkMeta(meta as Record<string, unknown>, shape);
}

function checkMeta({ object, scrubLocation }: Record<string, unknown>, shape = 'object must be 1-255 characters'): TelescopeMeta {
	if (object !== undefined && (typeof object !== 'string' || object.trim() === '' || object.length > 255)) throw new ApiError(400, shape);
	if (scrubLocation !== undefined && typeof scrubLocation !== 'boolean') throw new ApiError(400, shape);
	return { object: (object as string | undefined)?.trim(), scrubLocation: scrubLocation as boolean | undefined };
}
