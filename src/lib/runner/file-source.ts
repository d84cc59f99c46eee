import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FrameSource } from '../stacking/types';

/** A local file read by range; each read opens the file briefly, so thousands of sources hold no descriptors. */
export async function fileSource(path: string): Promise<FrameSource> {
	const { size } = await stat(path);
	return {
		name: basename(path),
		size,
		async read(start, end) {
			const length = Math.max(0, Math.min(end, size) - start);
			const out = new Uint8Array(length);
			const handle = await open(path, 'r');
			try {
				let done = 0;
				while (done < length) {
					const { bytesRead } = await handle.read(out, done, length - done, start + done);
					if (bytesRead === 0) throw new Error(`${path}: file ended at byte ${start + done}, expected ${start + length}`);
					done += bytesRead;
				}
			} finally {
				await handle.close();
			}
			return out;
		}
	};
}
