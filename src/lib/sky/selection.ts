/**
 * A rectangle dragged on the map → the RA/Dec ranges it covers, and the test a stack passes.
 * RA ranges may wrap through 0/360: raMin > raMax then means [raMin, 360) ∪ [0, raMax].
 */
import { HALF_HEIGHT, HALF_WIDTH, insideEllipse, normalizeRa, unproject } from './hammer';
import { toPlane, type SkyViewport } from './viewport';

export interface SkyRange {
	raMin: number;
	raMax: number;
	decMin: number;
	decMax: number;
}

export interface ScreenRect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** Samples per rectangle side and along the ellipse outline: enough for ranges to ~0.5°. */
const GRID = 48;
const OUTLINE = 1440;

/**
 * The RA/Dec ranges of the sky inside a screen rectangle (corners in any order), or null when the
 * rectangle misses the map. A rectangle that holds a pole covers every RA.
 */
export function rectToSkyRange(v: SkyViewport, rect: ScreenRect): SkyRange | null {
	const a = toPlane(v, Math.min(rect.x0, rect.x1), Math.min(rect.y0, rect.y1));
	const b = toPlane(v, Math.max(rect.x0, rect.x1), Math.max(rect.y0, rect.y1));
	const [xMin, xMax, yMin, yMax] = [a.x, b.x, b.y, a.y];
	const within = (x: number, y: number) => x >= xMin && x <= xMax && y >= yMin && y <= yMax;

	const samples: [number, number][] = [];
	for (let i = 0; i <= GRID; i++) {
		for (let j = 0; j <= GRID; j++) samples.push([xMin + ((xMax - xMin) * i) / GRID, yMin + ((yMax - yMin) * j) / GRID]);
	}
	// Where the rectangle overlaps the outline, the outline carries the extreme RAs (the ±180 edges).
	for (let k = 0; k < OUTLINE; k++) {
		const t = (2 * Math.PI * k) / OUTLINE;
		const x = HALF_WIDTH * Math.cos(t) * (1 - 1e-9);
		const y = HALF_HEIGHT * Math.sin(t) * (1 - 1e-9);
		if (within(x, y)) samples.push([x, y]);
	}

	let lonMin = Infinity;
	let lonMax = -Infinity;
	let decMin = Infinity;
	let decMax = -Infinity;
	for (const [x, y] of samples) {
		if (!insideEllipse(x, y)) continue;
		const p = unproject(x, y);
		if (!p) continue;
		// Map longitude (RA increases to the left): continuous across the centre line.
		let lon = -p.ra;
		if (lon <= -180) lon += 360;
		if (lon === 180 && x < 0) lon = -180; // RA 180 on the left edge
		if (Math.abs(lon) > 179 && Math.sign(lon) !== Math.sign(x)) lon = -lon; // and never the other edge
		lonMin = Math.min(lonMin, lon);
		lonMax = Math.max(lonMax, lon);
		decMin = Math.min(decMin, p.dec);
		decMax = Math.max(decMax, p.dec);
	}
	if (decMin === Infinity) return null;

	const northPole = within(0, HALF_HEIGHT);
	const southPole = within(0, -HALF_HEIGHT);
	if (northPole) decMax = 90;
	if (southPole) decMin = -90;
	if (northPole || southPole || lonMax - lonMin >= 359.5) return { raMin: 0, raMax: 360, decMin, decMax };
	return { raMin: normalizeRa(-lonMax), raMax: normalizeRa(-lonMin), decMin, decMax };
}

/** True when RA/Dec lies in the range (inclusive), honouring a wrap through RA 0. */
export function inSkyRange(r: SkyRange, ra: number, dec: number): boolean {
	if (dec < r.decMin || dec > r.decMax) return false;
	const a = normalizeRa(ra);
	if (r.raMin === 0 && r.raMax === 360) return true;
	return r.raMin <= r.raMax ? a >= r.raMin && a <= r.raMax : a >= r.raMin || a <= r.raMax;
}

/**
 * The outline of an RA/Dec range as sky points, edge by edge (RA steps go up from raMin to raMax,
 * through 0 when it wraps). A full-RA range is a band: just its two parallels. RA 180 is nudged to
 * the side the range lies on, so an edge drawn there stays on that edge of the map.
 */
export function rangeOutline(r: SkyRange, step = 1): { ra: number; dec: number }[][] {
	const full = r.raMin === 0 && r.raMax === 360;
	const span = full ? 360 : r.raMin <= r.raMax ? r.raMax - r.raMin : 360 - r.raMin + r.raMax;
	const start = r.raMin === 180 ? 180 + 1e-9 : r.raMin;
	const end = r.raMax === 180 ? 180 - 1e-9 : r.raMax;
	const along = (dec: number) => {
		const n = Math.max(1, Math.ceil(span / step));
		return Array.from({ length: n + 1 }, (_, i) => ({
			ra: i === 0 ? start : i === n && !full ? end : normalizeRa(r.raMin + (span * i) / n),
			dec
		}));
	};
	const meridian = (ra: number) => {
		const n = Math.max(1, Math.ceil((r.decMax - r.decMin) / step));
		return Array.from({ length: n + 1 }, (_, i) => ({ ra, dec: r.decMin + ((r.decMax - r.decMin) * i) / n }));
	};
	return full ? [along(r.decMin), along(r.decMax)] : [along(r.decMin), along(r.decMax), meridian(start), meridian(end)];
}
