import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEESTAR = fileURLToPath(new URL('../../../../shared/data/seestar/', import.meta.url));

/** A real Seestar frame and its hash from the data set's own SHA256SUMS. */
export function seestarFrame(name = 'NGC7023/Light_NGC 7023_10.0s_IRCUT_20240730-224436.fit') {
	const line = readFileSync(join(SEESTAR, 'SHA256SUMS'), 'utf8')
		.split('\n')
		.find((l) => l.endsWith(`  ${name}`));
	if (!line) throw new Error(`${name} is not in SHA256SUMS`);
	return { file: join(SEESTAR, name), bytes: readFileSync(join(SEESTAR, name)), sha256: line.slice(0, 64) };
}

export async function sha256Of(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of chunks) hash.update(chunk);
	return hash.digest('hex');
}

/** Every regular file under `dir` (dot-folders included), as paths relative to it. */
export async function filesOnDisk(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

/** `count` chunks of `size` pseudo-random bytes, the same every time (xorshift32 per chunk). */
export async function* generatedChunks(
	count: number,
	size: number,
	onChunk?: (index: number) => void | Promise<void>
) {
	for (let i = 0; i < count; i++) {
		await onChunk?.(i);
		const words = new Uint32Array(size / 4);
		let x = (i + 1) * 2654435761;
		for (let k = 0; k < words.length; k++) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			words[k] = x;
		}
		yield new Uint8Array(words.buffer);
	}
}

/** Yields `good` chunks of 1 MiB, then throws `error` (a camera unplugged mid-upload). */
export async function* failingChunks(good: number, error: Error) {
	yield* generatedChunks(good, 1 << 20);
	throw error;
}
