import { FitsError } from '../fits/errors';
import { readImageLayout, type ImageLayout } from '../fits/image';
import { readFrameMeta, type FrameMeta } from './frame-meta';
import type { FrameSource } from './types';
import { errorMessage } from '../util/error-message';

/** First read of a file: 16 blocks hold any camera header seen so far; larger headers are read in more steps. */
const FIRST_HEADER_BYTES = 16 * 2880;

export interface OpenFrame {
	/** Position in the input list: ties and output order follow it. */
	index: number;
	source: FrameSource;
	layout: ImageLayout;
	meta: FrameMeta;
}

export type Opened = { index: number; frame: OpenFrame } | { index: number; reason: string };

/** Reads a frame's headers only (by range) and its image layout; a frame that cannot be stacked gets a reason. */
export async function openFrame(source: FrameSource, index: number): Promise<Opened> {
	try {
		const layout = await readLayout(source);
		return { index, frame: { index, source, layout, meta: readFrameMeta(layout.header) } };
	} catch (err) {
		return { index, reason: err instanceof FitsError ? err.message : `unreadable: ${errorMessage(err)}` };
	}
}

async function readLayout(source: FrameSource): Promise<ImageLayout> {
	for (let length = Math.min(source.size, FIRST_HEADER_BYTES); ; length = Math.min(source.size, length * 4)) {
		const bytes = await source.read(0, length);
		try {
			return readImageLayout(bytes, source.size);
		} catch (err) {
			const more = err instanceof FitsError && err.code === 'HEADER_INCOMPLETE' && length < source.size;
			if (!more) throw err;
		}
	}
}

/**
 * Frames are stacked in one geometry: the most common width x height (ties: the first frame's).
 * Returns the reason for every frame of another size.
 */
export function sizeRejections(frames: OpenFrame[]): Map<number, string> {
	const counts = new Map<string, number>();
	for (const f of frames) counts.set(sizeOf(f), (counts.get(sizeOf(f)) ?? 0) + 1);
	let majority = '';
	for (const [size, n] of counts) if (n > (counts.get(majority) ?? 0)) majority = size;
	const out = new Map<number, string>();
	for (const f of frames)
		if (sizeOf(f) !== majority) out.set(f.index, `image is ${sizeOf(f)} pixels; the other frames are ${majority}`);
	return out;
}

function sizeOf(f: OpenFrame): string {
	return `${f.layout.width} x ${f.layout.height}`;
}
