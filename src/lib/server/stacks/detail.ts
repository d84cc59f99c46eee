import type { StackDetail } from '$lib/api/stacks';
import { StorageNotFound } from '$lib/server/storage';
import { sharedStackRow, ownStackRow, type StackRow } from './stack-row';
import { stackSolution } from './solution';
import { storedBytes } from './stored-bytes';
import { stackFileName, toSummary } from './summary';

/** The owner's view of stack `id`, or null when it is not theirs. */
export async function getStack(userId: number, id: number): Promise<StackDetail | null> {
	const row = await ownStackRow(userId, id);
	if (!row) return null;
	const base = `/api/stacks/${row.id}`;
	return toDetail(row, { fits: `${base}/fits`, preview: `${base}/preview`, picture: `${base}/picture` });
}

/**
 * The view a share link opens: the files under `/s/<token>/…` (FITS, thumbnail, picture), no preview endpoint, and no report
 * (its frame names carry the observer's local time).
 */
export async function getSharedStack(shareToken: string): Promise<StackDetail | null> {
	const row = await sharedStackRow(shareToken);
	if (!row) return null;
	const base = `/s/${shareToken}`;
	return toDetail({ ...row, reportPath: null }, { fits: `${base}/fits`, thumbnail: `${base}/thumbnail`, preview: null, picture: `${base}/picture` });
}

async function toDetail(row: StackRow, urls: { fits: string; thumbnail?: string; preview: string | null; picture: string | null }): Promise<StackDetail> {
	const summary = toSummary(row);
	return {
		...summary,
		thumbnailUrl: urls.thumbnail ?? summary.thumbnailUrl,
		stackingJobId: row.stackingJobId,
		source: row.source,
		fileSizeBytes: row.fileSizeBytes,
		stars: row.nStarsDetected,
		healpix: row.healpix,
		createdAt: row.createdAt.toISOString(),
		fileName: stackFileName(summary),
		fitsUrl: urls.fits,
		previewUrl: urls.preview,
		pictureUrl: urls.picture,
		report: row.reportPath ? await readReport(row.reportPath) : null,
		shared: row.shareTokenHash !== null,
		solution: await stackSolution(row)
	};
}

async function readReport(path: string): Promise<unknown> {
	try {
		return JSON.parse(new TextDecoder().decode(await storedBytes(path)));
	} catch (error) {
		if (error instanceof StorageNotFound || error instanceof SyntaxError) return null;
		throw error;
	}
}
