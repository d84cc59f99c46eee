/**
 * An <img>'s load state, for fade-ins and fallbacks without `onload`/`onerror` attributes: Svelte's
 * server render writes those as inline handlers, which the Content Security Policy refuses, so an
 * image that finished before hydration was never seen as loaded. Used as `{@attach imageState(cb)}`:
 * it reads the state the image already has, then listens for what comes.
 */
import type { Attachment } from 'svelte/attachments';

export type ImageState = 'loading' | 'loaded' | 'failed';

export function imageState(onchange: (state: ImageState, img: HTMLImageElement) => void): Attachment<HTMLImageElement> {
	return (img) => {
		const report = () => onchange(img.naturalWidth > 0 ? 'loaded' : 'failed', img);
		// `complete` with no pixels is a broken image; a lazy image not yet fetched is not complete.
		if (img.complete && img.currentSrc) report();
		img.addEventListener('load', report);
		img.addEventListener('error', report);
		return () => {
			img.removeEventListener('load', report);
			img.removeEventListener('error', report);
		};
	};
}
