/** A canvas sized for crisp drawing at the device's pixel ratio, cleared, with CSS-pixel coordinates. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
	const ratio = window.devicePixelRatio || 1;
	const w = Math.round(width * ratio);
	const h = Math.round(height * ratio);
	if (canvas.width !== w) canvas.width = w;
	if (canvas.height !== h) canvas.height = h;
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
	ctx.clearRect(0, 0, width, height);
	return ctx;
}

/** Theme colours the canvases use (the same values as app.css). */
export const COLORS = {
	selected: '#d9a548',
	selectedEdge: '#f3d08a',
	unselected: '#6b7489',
	grid: '#24304a',
	outline: '#33415f',
	sky: '#0c1322'
};
