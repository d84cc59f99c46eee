import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { chunkKey, healpixRing, HEALPIX_NSIDE } from '$lib/chunks';
import { scrubLocation as blankLocation, type FitsHeader } from '$lib/fits';
import { parseFitsDate } from '$lib/stacking/fits-time';
import { getDb } from '$lib/server/db';
import { stackedFrames, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { ApiError } from '$lib/server/http';
import { stackPaths } from '$lib/server/intake/stack-paths';
import { makeThumbnail } from '$lib/server/intake/thumbnail';
import { stackStorage, StorageError } from '$lib/server/storage';
import { readStackPlanes, type StackPlanes } from './stack-planes';

/**
 * The largest stack accepted from a telescope. A full-size RGB float32 stack is about 30 MB; the
 * bound stays under serve.js's default BODY_SIZE_LIMIT (64M), which would refuse more anyway.
 */
export const MAX_TELESCOPE_STACK_BYTES = 60 * 1024 * 1024;
/** The worker id recorded on the stand-in job of a telescope-made stack. */
export const TELESCOPE_WORKER = 'telescope';

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
	if (declared > MAX_TELESCOPE_STACK_BYTES + 64 * 1024) throw tooLarge(declared);
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	if (type === 'application/fits' || type === 'application/octet-stream' || type === 'image/fits') {
		const bytes = await readLimited(request);
		const object = url.searchParams.get('object');
		const scrub = url.searchParams.get('scrubLocation');
		if (scrub !== null && !['1', 'true', '0', 'false'].includes(scrub)) throw new ApiError(400, `scrubLocation ${JSON.stringify(scrub)} must be 1, true, 0 or false`);
		return { bytes, meta: checkMeta({ object: object ?? undefined, scrubLocation: scrub === null ? undefined : scrub === '1' || scrub === 'true' }) };
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw new ApiError(400, 'the body must be multipart/form-data with a part "stack" (the FITS file) and optionally "meta" (JSON)');
	}
	const stack = form.get('stack');
	if (!(stack instanceof Blob) || stack.size === 0) throw new ApiError(400, 'the part "stack" must be the stack\'s FITS file');
	if (stack.size > MAX_TELESCOPE_STACK_BYTES) throw tooLarge(stack.size);
	return { bytes: new Uint8Array(await stack.arrayBuffer()), meta: parseMeta(form.get('meta')) };
}

/** The raw body, refused (413) as soon as it passes the limit, whatever Content-Length said. */
async function readLimited(request: Request): Promise<Uint8Array> {
	if (!request.body) throw new ApiError(400, 'the body must be the stack\'s FITS file');
	const parts: Uint8Array[] = [];
	let size = 0;
	for await (const part of request.body as unknown as AsyncIterable<Uint8Array>) {
		size += part.length;
		if (size > MAX_TELESCOPE_STACK_BYTES) throw tooLarge(size);
		parts.push(part);
	}
	if (size === 0) throw new ApiError(400, 'the body must be the stack\'s FITS file');
	return new Uint8Array(Buffer.concat(parts));
}

function tooLarge(size: number): ApiError {
	return new ApiError(413, `the stack is ${Math.round(size / 1048576)} MB; at most ${MAX_TELESCOPE_STACK_BYTES / 1048576} MB are accepted`);
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

/** What the catalogue records of a telescope-made stack, from its PRIMARY header. */
interface TelescopeFacts {
	object: string | null;
	ra: number;
	dec: number;
	start: Date;
	end: Date;
	exposure: number | null;
	aligned: number;
	input: number;
	telescope: string | null;
	filter: string | null;
}

function factsOf(header: FitsHeader, planes: StackPlanes, meta: TelescopeMeta): TelescopeFacts {
	const ra = header.number('RA') ?? header.number('CRVAL1');
	const dec = header.number('DEC') ?? header.number('CRVAL2');
	if (ra === undefined || dec === undefined || ra < 0 || ra > 360 || dec < -90 || dec > 90) {
		throw new ApiError(422, `the header needs the pointing: RA and DEC (or CRVAL1, CRVAL2) in degrees; found RA ${ra ?? 'none'}, DEC ${dec ?? 'none'}`);
	}
	const startText = header.string('OB-START') ?? header.string('DATE-OBS');
	const startUs = parseFitsDate(startText);
	if (startUs === undefined) throw new ApiError(422, `the header needs DATE-OBS (or OB-START) as a UTC date and time; found ${JSON.stringify(startText ?? null)}`);
	const start = startUs / 1000;
	const counted = header.number('NIMAGES') ?? header.number('STACKCNT');
	const aligned = counted !== undefined && Number.isInteger(counted) && counted > 0 ? counted : 1;
	// A CrowdSky header (NIMAGES) gives the total in EXPTIME; the Seestar writes one sub's EXPTIME and the count in STACKCNT.
	const exptime = header.number('EXPTIME') ?? header.number('EXPOSURE');
	const exposure = exptime === undefined ? null : header.has('NIMAGES') || planes.layout === 'crowdsky' ? exptime : exptime * aligned;
	const endUs = parseFitsDate(header.string('OB-END') ?? header.string('DATE-END'));
	const end = endUs !== undefined && endUs / 1000 >= start ? endUs / 1000 : start + (exposure ?? 0) * 1000;
	const input = header.number('OBSTOTAL');
	return {
		object: meta.object ?? (header.string('OBJECT') || null),
		ra,
		dec,
		start: new Date(start),
		end: new Date(end),
		exposure,
		aligned,
		input: input !== undefined && Number.isInteger(input) && input >= aligned ? input : aligned,
		telescope: header.string('TELESCOP')?.slice(0, 64) || null,
		filter: header.string('FILTER')?.slice(0, 32) || null
	};
}

/**
 * A stack made on the telescope joins the catalogue like a stacked one: checked and read here,
 * its location blanked if asked, a thumbnail made; an upload session (complete), a job (completed
 * by 'telescope') and the stacked_frames row (source 'telescope') recorded in one transaction
 * with the owner's storage use. Refused (422) when it is not a stack CrowdSky can read.
 */
export async function addTelescopeStack(userId: number, original: Uint8Array, meta: TelescopeMeta): Promise<{ id: number }> {
	const bytes = meta.scrubLocation ? original.slice() : original;
	const planes = readStackPlanes(bytes);
	if (meta.scrubLocation) blankLocation(bytes);
	const facts = factsOf(planes.header, planes, meta);
	const png = makeThumbnail(planes, planes.width, planes.height);
	const key = chunkKey(facts.start.getTime(), 15, facts.ra, facts.dec);
	const storage = stackStorage();
	const db = getDb();
	const stored: string[] = [];
	try {
		return await db.transaction(async (tx) => {
			const now = new Date();
			const [{ id: sessionId }] = await tx
				.insert(uploadSessions)
				.values({
					userId,
					sessionToken: randomBytes(16).toString('hex'),
					objectName: facts.object,
					raDeg: facts.ra,
					decDeg: facts.dec,
					fileCount: 1,
					totalSizeMb: mb(bytes.length).toFixed(2),
					status: 'complete',
					completedAt: now
				})
				.$returningId();
			const healpix = healpixRing(HEALPIX_NSIDE, facts.ra, facts.dec);
			const [{ id: jobId }] = await tx
				.insert(stackingJobs)
				.values({
					userId,
					uploadSessionId: sessionId,
					chunkKey: key,
					objectName: facts.object,
					frameCount: facts.input,
					status: 'completed',
					workerId: TELESCOPE_WORKER,
					startedAt: now,
					completedAt: now,
					telescope: facts.telescope ?? '',
					healpix
				})
				.$returningId();
			const paths = stackPaths(userId, jobId, key);
			await storage.put(paths.fits, bytes);
			stored.push(paths.fits);
			await storage.put(paths.png, png);
			stored.push(paths.png);
			const [{ id }] = await tx
				.insert(stackedFrames)
				.values({
					stackingJobId: jobId,
					userId,
					objectName: facts.object,
					chunkKey: key,
					storagePath: paths.fits,
					thumbnailPath: paths.png,
					nFramesInput: facts.input,
					nFramesAligned: facts.aligned,
					totalExptime: facts.exposure,
					dateObsStart: facts.start,
					dateObsEnd: facts.end,
					raDeg: facts.ra,
					decDeg: facts.dec,
					fileSizeBytes: bytes.length,
					telescope: facts.telescope,
					filterName: facts.filter,
					healpix,
					source: 'telescope'
				})
				.$returningId();
			await tx
				.update(users)
				.set({ storageUsedMb: sql`${users.storageUsedMb} + ${mb(bytes.length + png.length)}` })
				.where(eq(users.id, userId));
			return { id };
		});
	} catch (error) {
		for (const path of stored) await storage.delete(path).catch((e) => console.error(`Could not delete ${path}:`, e));
		if (error instanceof StorageError) throw new ApiError(503, `the stack store is unavailable (${error.message}); try again shortly`);
		throw error;
	}
}

/** Storage use is kept in MB with two decimals, as intake adds it. */
function mb(bytes: number): number {
	return Math.round((bytes / 1048576) * 100) / 100;
}
