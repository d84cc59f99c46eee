/**
 * Shared pieces of the upload tests: the real Seestar frames, bodies streamed in pieces like a
 * network delivers them, a raw store in a fresh temp directory, and hand-made bad files.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { receiveFile } from '$lib/server/uploads';

export const SEESTAR = fileURLToPath(new URL('../../../../shared/data/seestar/', import.meta.url));
export const FOLDERS = ['M94_set2_20250327', 'NGC7023'] as const;

export interface RealFrame {
	folder: string;
	name: string;
	bytes: Uint8Array;
	sha256: string;
}

export function sha256Of(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export async function realFrames(folder?: (typeof FOLDERS)[number]): Promise<RealFrame[]> {
	const frames: RealFrame[] = [];
	for (const dir of folder ? [folder] : FOLDERS) {
		for (const name of (await readdir(join(SEESTAR, dir))).filter((n) => n.endsWith('.fit')).sort()) {
			const bytes = new Uint8Array(await readFile(join(SEESTAR, dir, name)));
			frames.push({ folder: dir, name, bytes, sha256: sha256Of(bytes) });
		}
	}
	return frames;
}

/** The bytes as a stream of 64 KiB pieces (a request body as the server sees it). */
export function bodyOf(bytes: Uint8Array, piece = 64 * 1024): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at >= bytes.length) return controller.close();
			controller.enqueue(bytes.slice(at, at + piece));
			at += piece;
		}
	});
}

/** receiveFile with the body streamed; Content-Length and sha256 default to the true ones. */
export function upload(
	userId: number,
	token: string,
	name: string,
	bytes: Uint8Array,
	{ sha256 = sha256Of(bytes), contentLength = String(bytes.length) }: { sha256?: string; contentLength?: string | null } = {}
) {
	return receiveFile(userId, token, name, sha256, bodyOf(bytes), contentLength);
}

/**
 * A fresh local directory as the store that `variable` names, for this file's tests; the previous
 * setting comes back afterwards. Returns a getter for the directory.
 */
function withLocalStorage(variable: 'RAW_STORAGE' | 'STACK_STORAGE', prefix: string): () => string {
	let dir: string | undefined;
	let previous: string | undefined;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), prefix));
		previous = process.env[variable];
		process.env[variable] = dir;
	});
	afterAll(async () => {
		if (previous === undefined) delete process.env[variable];
		else process.env[variable] = previous;
		if (dir) await rm(dir, { recursive: true, force: true });
	});
	return () => {
		if (!dir) throw new Error(`${variable}: a local store is only set up inside a test`);
		return dir;
	};
}

/** Raw frames go to a fresh local directory for this file's tests. */
export const withLocalRawStorage = () => withLocalStorage('RAW_STORAGE', 'crowdsky-uploads-');
/** Stacks go to a fresh local directory for this file's tests. */
export const withLocalStackStorage = () => withLocalStorage('STACK_STORAGE', 'crowdsky-stacks-');

/** Every file under a directory (recursive), relative paths, sorted; temp names included. */
export async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
		.sort();
}

/** A FITS header of 80-character cards, padded to whole 2880-byte blocks. */
export function fitsHeader(cards: Record<string, string | number | boolean>): Uint8Array {
	const lines = Object.entries(cards).map(([key, value]) => {
		const text =
			typeof value === 'boolean' ? (value ? 'T' : 'F') : typeof value === 'number' ? String(value) : `'${value}'`;
		return `${key.padEnd(8)}= ${text.padStart(20)}`.padEnd(80);
	});
	lines.push('END'.padEnd(80));
	const text = lines.join('').padEnd(Math.ceil((lines.length * 80) / 2880) * 2880);
	return new TextEncoder().encode(text);
}

/** A small valid 16-bit frame with the keywords chunking needs (DATE-OBS unless left out). */
export function smallFrame({ naxis1 = 8, naxis2 = 4, dateObs = '2025-03-27T05:45:13.123', withDate = true } = {}): Uint8Array {
	const cards: Record<string, string | number | boolean> = {
		SIMPLE: true,
		BITPIX: 16,
		NAXIS: 2,
		NAXIS1: naxis1,
		NAXIS2: naxis2,
		BZERO: 32768,
		EXPTIME: 10,
		RA: 192.7,
		DEC: 41.1,
		OBJECT: 'Test'
	};
	if (withDate) cards['DATE-OBS'] = dateObs;
	const header = fitsHeader(cards);
	const data = new Uint8Array(Math.ceil((naxis1 * naxis2 * 2) / 2880) * 2880);
	const out = new Uint8Array(header.length + data.length);
	out.set(header);
	out.set(data, header.length);
	return out;
}
