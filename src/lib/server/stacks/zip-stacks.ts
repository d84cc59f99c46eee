import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { ApiError } from '$lib/server/http';
import { stackStorage } from '$lib/server/storage';
import { downloadName } from '$lib/api/stacks';
import { rgbCube } from './rgb-cube';
import { zipStream, type ZipEntry } from './zip-stream';
import { stackFileName } from './summary';

/** Stacks in one "Download all": about 5 GB of FITS at most would break the 4 GiB ZIP limit anyway. */
export const MAX_ZIP_STACKS = 150;

/** What goes into the zip beside each stack's FITS: its thumbnail PNG, its RGB cube FITS (`-rgb.fits`). */
export interface ZipExtras {
	png: boolean;
	cube: boolean;
}

/** `{ ids: number[], png?: boolean, cube?: boolean }`: the stacks to zip. 400 when it is not that. */
export function parseZipBody(body: Record<string, unknown>): { ids: number[] } & ZipExtras {
	const { ids } = body;
	if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
		throw new ApiError(400, 'the body must be { "ids": [stack ids, …], "png"?: boolean, "cube"?: boolean } with at least one id');
	}
	if (ids.length > MAX_ZIP_STACKS) throw new ApiError(400, `${ids.length} stacks in one zip; at most ${MAX_ZIP_STACKS}, download in parts`);
	for (const key of ['png', 'cube']) {
		if (body[key] !== undefined && typeof body[key] !== 'boolean') throw new ApiError(400, `${key} ${JSON.stringify(body[key])} must be true or false`);
	}
	return { ids: [...new Set(ids as number[])], png: body.png === true, cube: body.cube === true };
}

/**
 * The user's stacks `ids` as a zip stream of `{object}_{chunk_key}.fits` (and `.png`, `-rgb.fits`),
 * names made unique. Every id is checked before the first byte: one that is not theirs makes the
 * whole request a 404. Each file is read from storage only when the archive reaches it.
 */
export async function zipStacks(userId: number, ids: number[], extras: ZipExtras): Promise<AsyncGenerator<Uint8Array>> {
	if (ids.length > MAX_ZIP_STACKS) throw new ApiError(400, `${ids.length} stacks in one zip; at most ${MAX_ZIP_STACKS}`);
	const rows = ids.length
		? await getDb()
				.select({
					id: stackedFrames.id,
					object: stackedFrames.objectName,
					chunkKey: stackedFrames.chunkKey,
					fits: stackedFrames.storagePath,
					png: stackedFrames.thumbnailPath,
					createdAt: stackedFrames.createdAt
				})
				.from(stackedFrames)
				.where(and(eq(stackedFrames.userId, userId), inArray(stackedFrames.id, ids)))
		: [];
	if (rows.length !== new Set(ids).size) {
		const found = new Set(rows.map((r) => r.id));
		throw new ApiError(404, `stack ${ids.find((id) => !found.has(id))} was not found`);
	}
	const storage = stackStorage();
	const taken = new Set<string>();
	const entries: ZipEntry[] = [];
	for (const row of rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))) {
		const files: [string | null, string][] = [[row.fits, 'fits']];
		if (extras.png) files.push([row.png, 'png']);
		for (const [path, extension] of files) {
			if (!path) continue;
			const name = uniqueName(stackFileName(row, extension), taken);
			entries.push({ name, modified: row.createdAt, open: () => storage.read(path) });
		}
		if (extras.cube) {
			const name = uniqueName(downloadName(stackFileName(row), 'rgb', 'fits'), taken);
			entries.push({ name, modified: row.createdAt, open: async () => (await rgbCube(row.fits)).chunks });
		}
	}
	return zipStream(entries);
}

/** `name`, or `name` with `_2`, `_3`, … before the extension when taken. */
function uniqueName(name: string, taken: Set<string>): string {
	const dot = name.lastIndexOf('.');
	let candidate = name;
	for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, dot)}_${n}${name.slice(dot)}`;
	taken.add(candidate);
	return candidate;
}
