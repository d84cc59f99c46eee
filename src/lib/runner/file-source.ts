import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FrameSource } from '../stacking/types';

/**
 * A local file read by range; each read opens the file briefly, so thousands of sources hold no
 * descriptors. The reads are synchronous: a band's rows of a frame are ~0.1 MB, microseconds from
 * the page cache, while each of open, read and close through the thread pool cost more CPU than the
 * copy (a third of the combine stage's time outside the kernel at 90 frames). The buffer is not
 * zeroed first: every byte is read into it or the read throws.
 */
export async function fileSource(path: string): Promise<FrameSource> {
	const { size } = await stat(path);
	return {
		name: basename(path),
		size,
		async read(start, end) {
			const length = Math.max(0, Math.min(end, size) - start);
			const out = new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
			const fd = openSync(path, 'r');
			try {
				let done = 0;
				while (done < length) {
					const bytesRead = readSync(fd, out, done, length - done, start + done);
					if (bytesRead === 0) throw new Error(`${path}: file ended at byte ${start + done}, expected ${start + length}`);
					done += bytesRead;
				}
			} finally {
				closeSync(fd);
			}
			return out;
		}
	};
}
