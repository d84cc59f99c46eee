import type { FrameSource } from './types';

/** A frame already in memory (a download, a test fixture). `read` returns views, not copies. */
export function bytesSource(name: string, bytes: Uint8Array): FrameSource {
	return {
		name,
		size: bytes.length,
		read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length))
	};
}

/** A Blob or File (browser upload, Node `fs.openAsBlob`): only the requested range is loaded. */
export function blobSource(blob: Blob, name: string = (blob as File).name ?? 'frame'): FrameSource {
	return {
		name,
		size: blob.size,
		read: async (start, end) => new Uint8Array(await blob.slice(start, Math.min(end, blob.size)).arrayBuffer())
	};
}
