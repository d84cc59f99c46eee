/** Screen placement of the all-sky ellipse: CSS pixels ↔ the projection's plane ↔ RA/Dec. */
import { HALF_HEIGHT, HALF_WIDTH, project, unproject, type SkyPoint } from './hammer';

export interface SkyViewport {
	/** Centre of the ellipse, CSS pixels. */
	cx: number;
	cy: number;
	/** CSS pixels per plane unit. */
	scale: number;
}

/** The largest ellipse (2:1) that fits width × height with `margin` pixels on every side. */
export function fitViewport(width: number, height: number, margin = 0): SkyViewport {
	const w = Math.max(1, width - 2 * margin);
	const h = Math.max(1, height - 2 * margin);
	return { cx: width / 2, cy: height / 2, scale: Math.min(w / (2 * HALF_WIDTH), h / (2 * HALF_HEIGHT)) };
}

export function toScreen(v: SkyViewport, ra: number, dec: number): { sx: number; sy: number } {
	const p = project(ra, dec);
	return { sx: v.cx + p.x * v.scale, sy: v.cy - p.y * v.scale };
}

/** Screen → plane coordinates (y up). */
export function toPlane(v: SkyViewport, sx: number, sy: number): { x: number; y: number } {
	return { x: (sx - v.cx) / v.scale, y: (v.cy - sy) / v.scale };
}

/** Screen → RA/Dec, or null off the map. */
export function fromScreen(v: SkyViewport, sx: number, sy: number): SkyPoint | null {
	const p = toPlane(v, sx, sy);
	return unproject(p.x, p.y);
}
