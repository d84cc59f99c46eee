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

/** Screen positions of a plot's dots, by index. */
export interface DotPositions {
	xs: Float32Array;
	ys: Float32Array;
}

/** The dots, the others dimmed first and the selection on top. */
export function drawDots(
	ctx: CanvasRenderingContext2D,
	{ xs, ys }: DotPositions,
	radius: (i: number) => number,
	isSelected: (i: number) => boolean,
	selectedAlpha: number
): void {
	for (const pass of [false, true]) {
		ctx.fillStyle = pass ? COLORS.selected : COLORS.unselected;
		ctx.globalAlpha = pass ? selectedAlpha : 0.45;
		for (let i = 0; i < xs.length; i++) {
			if (isSelected(i) !== pass || radius(i) <= 0) continue;
			ctx.beginPath();
			ctx.arc(xs[i], ys[i], radius(i), 0, 2 * Math.PI);
			ctx.fill();
		}
	}
	ctx.globalAlpha = 1;
}

/** Footprint polygons (screen points; null: none), filled as the dots are and outlined, the selection on top. */
export function drawFootprints(
	ctx: CanvasRenderingContext2D,
	shapes: ({ sx: number; sy: number }[] | null)[],
	isSelected: (i: number) => boolean,
	selectedAlpha: number
): void {
	ctx.lineWidth = 1;
	for (const pass of [false, true]) {
		ctx.fillStyle = pass ? COLORS.selected : COLORS.unselected;
		ctx.strokeStyle = pass ? COLORS.selectedEdge : COLORS.unselected;
		for (let i = 0; i < shapes.length; i++) {
			const shape = shapes[i];
			if (!shape || isSelected(i) !== pass) continue;
			ctx.beginPath();
			shape.forEach((p, k) => (k ? ctx.lineTo(p.sx, p.sy) : ctx.moveTo(p.sx, p.sy)));
			ctx.closePath();
			ctx.globalAlpha = pass ? selectedAlpha : 0.45;
			ctx.fill();
			ctx.globalAlpha = pass ? 1 : 0.7;
			ctx.stroke();
		}
	}
	ctx.globalAlpha = 1;
}

/** The dot under (x, y): the nearest whose centre is within `reach(i)` pixels, or null. */
export function nearestDot({ xs, ys }: DotPositions, x: number, y: number, reach: (i: number) => number): number | null {
	let best: number | null = null;
	let bestD = Infinity;
	for (let i = 0; i < xs.length; i++) {
		const d = Math.hypot(xs[i] - x, ys[i] - y);
		if (d <= reach(i) && d < bestD) {
			best = i;
			bestD = d;
		}
	}
	return best;
}
