/** The stacks endpoints' client for the Stacks pages (types in $lib/api/stacks); a refusal throws in the server's words. */
import { ensureOk } from '$lib/api/error-body';
import type { ShareLink, ZipRequest } from '$lib/api/stacks';
import { parsePreview, type PreviewPlanes } from './preview-data';
import { saveBlob } from './save-blob';

const stackPath = (id: number) => `/api/stacks/${id}`;

/** A new share link (an earlier one stops working); `location` publishes the site in its FITS. */
/** A share link; `replace` makes a new one where one exists (the old one then says it was replaced). */
export async function shareStack(id: number, { location = false, replace = false } = {}): Promise<string> {
	const body = JSON.stringify({ location, replace });
	const response = await ensureOk(await fetch(`${stackPath(id)}/share`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
	return ((await response.json()) as ShareLink).url;
}

export async function unshareStack(id: number): Promise<void> {
	await ensureOk(await fetch(`${stackPath(id)}/share`, { method: 'DELETE' }));
}

export async function deleteStack(id: number): Promise<void> {
	await ensureOk(await fetch(stackPath(id), { method: 'DELETE' }));
}

/** The linear preview planes behind `url` (the stack's `previewUrl`). */
export async function fetchPreview(url: string): Promise<PreviewPlanes> {
	return parsePreview(await (await ensureOk(await fetch(url))).arrayBuffer());
}

/** Downloads the stacks as one zip, saved in the browser. */
export async function downloadZip(ids: number[]): Promise<void> {
	const body: ZipRequest = { ids };
	const response = await ensureOk(
		await fetch('/api/stacks/zip', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
	);
	await saveResponse(response, 'crowdsky-stacks.zip');
}

/** Saves a fetched response as a file, named by its Content-Disposition or `fallback`. */
async function saveResponse(response: Response, fallback: string): Promise<void> {
	const disposition = response.headers.get('content-disposition') ?? '';
	const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
	saveBlob(await response.blob(), name);
}
