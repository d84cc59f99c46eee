/** One accepted frame file on its way to the server, with the states the page shows. */
import type { FrameInfo } from '$lib/chunks';
import { fileKey } from './resume';

/**
 * pending: listed, nothing sent · hashing · queued: hashed, waiting for a slot · uploading ·
 * done: stored in this upload session · duplicate: the user stored it before · error.
 */
export type ItemState = 'pending' | 'hashing' | 'queued' | 'uploading' | 'done' | 'duplicate' | 'error';

export class UploadItem {
	state = $state<ItemState>('pending');
	/** Bytes of this file the server has received in the current attempt. */
	loaded = $state(0);
	/** Why it failed, or a note such as "retrying in 4 s". */
	message = $state<string | null>(null);
	sha256: string | null = null;
	readonly key: string;

	constructor(
		readonly id: number,
		readonly file: File,
		readonly frame: FrameInfo
	) {
		this.key = fileKey(file);
	}

	/** Moves to `state`; an illegal step is a bug in the driver, so it throws. */
	to(state: ItemState, message: string | null = null): void {
		if (!NEXT[this.state].includes(state)) {
			throw new Error(`upload item "${this.file.name}": ${this.state} -> ${state} is not a valid step`);
		}
		this.state = state;
		this.message = message;
		if (state !== 'uploading') this.loaded = state === 'done' || state === 'duplicate' ? this.file.size : 0;
	}
}

/** The allowed steps: what the per-file state machine may do next. */
const NEXT: Record<ItemState, ItemState[]> = {
	pending: ['hashing', 'error'],
	hashing: ['queued', 'done', 'duplicate', 'pending', 'error'],
	queued: ['uploading', 'pending', 'error'],
	uploading: ['done', 'duplicate', 'queued', 'error'],
	done: [],
	duplicate: [],
	error: ['pending']
};
