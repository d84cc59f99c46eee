/** Zoom and pan of an image in a viewport: screen = image * scale + offset. */

export interface View {
	scale: number;
	ox: number;
	oy: number;
}

/** The whole image, centred. */
export function fitView(imageW: number, imageH: number, boxW: number, boxH: number): View {
	const scale = Math.min(boxW / imageW, boxH / imageH);
	return { scale, ox: (boxW - imageW * scale) / 2, oy: (boxH - imageH * scale) / 2 };
}

/** Zoom by `factor` keeping the image point under (x, y) in place; scale kept within [min, max]. */
export function zoomAt(v: View, factor: number, x: number, y: number, min: number, max: number): View {
	const scale = Math.min(max, Math.max(min, v.scale * factor));
	const k = scale / v.scale;
	return { scale, ox: x - (x - v.ox) * k, oy: y - (y - v.oy) * k };
}

export function panBy(v: View, dx: number, dy: number): View {
	return { scale: v.scale, ox: v.ox + dx, oy: v.oy + dy };
}

/** What an overlay over a zoomed picture needs: the view, the picture's size in preview pixels, the box's size. */
export interface OverlayFrame {
	view: View;
	previewWidth: number;
	previewHeight: number;
	width: number;
	height: number;
}
