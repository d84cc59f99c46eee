/**
 * The zones of Stellarium's star files: the 20 faces of an icosahedron, each cut into 4 at every
 * level (20 × 4^level triangles), numbered as Stellarium numbers them (a face's children are
 * 4i+0..3: the three corner triangles, then the middle one). A star's position is stored as two
 * integer offsets along its zone's tangent axes; this gives each zone's centre and axes.
 */
export type Vec3 = [number, number, number];

export interface Zone {
	center: Vec3;
	/** Unit tangent axes at the centre: axis0 points east (north × centre), axis1 north. */
	axis0: Vec3;
	axis1: Vec3;
}

export interface ZoneGrid {
	zones: Zone[];
	/**
	 * The largest tangent-plane offset of a corner from its zone's centre over all zones (gnomonic,
	 * per axis): an integer offset of MaxPosVal means this far. One value per file.
	 */
	extent: number;
}

const G = (1 + Math.sqrt(5)) / 2;
const B = 1 / Math.sqrt(1 + G * G);
const A = B * G;
const CORNERS: Vec3[] = [
	[A, -B, 0], [A, B, 0], [-A, B, 0], [-A, -B, 0],
	[0, A, -B], [0, A, B], [0, -A, B], [0, -A, -B],
	[-B, 0, A], [B, 0, A], [B, 0, -A], [-B, 0, -A]
];
/** The faces as corner triples, in Stellarium's zone order. */
const FACES: [number, number, number][] = [
	[1, 0, 10], [0, 1, 9], [0, 9, 6], [9, 8, 6], [0, 7, 10], [6, 7, 0], [7, 6, 3], [6, 8, 3], [11, 10, 7], [7, 3, 11],
	[3, 2, 11], [2, 3, 8], [10, 11, 4], [2, 4, 11], [5, 4, 2], [2, 8, 5], [4, 1, 10], [4, 5, 1], [5, 9, 1], [8, 9, 5]
];

export function zoneCount(level: number): number {
	return 20 * 4 ** level;
}

/** The zones of a file of `level` (0 to 7). */
export function zoneGrid(level: number): ZoneGrid {
	if (!Number.isInteger(level) || level < 0 || level > 7) throw new RangeError(`zone level ${level} is not in 0..7`);
	const zones: Zone[] = new Array(zoneCount(level));
	let extent = 0;
	const visit = (lev: number, index: number, c0: Vec3, c1: Vec3, c2: Vec3): void => {
		if (lev === level) {
			const zone = zoneOf(c0, c1, c2);
			zones[index] = zone;
			for (const c of [c0, c1, c2]) extent = Math.max(extent, cornerExtent(zone, c));
			return;
		}
		const e0 = unit(add(c1, c2));
		const e1 = unit(add(c2, c0));
		const e2 = unit(add(c0, c1));
		visit(lev + 1, 4 * index, c0, e2, e1);
		visit(lev + 1, 4 * index + 1, e2, c1, e0);
		visit(lev + 1, 4 * index + 2, e1, e0, c2);
		visit(lev + 1, 4 * index + 3, e0, e1, e2);
	};
	FACES.forEach(([a, b, c], i) => visit(0, i, CORNERS[a], CORNERS[b], CORNERS[c]));
	return { zones, extent };
}

function zoneOf(c0: Vec3, c1: Vec3, c2: Vec3): Zone {
	const center = unit(add(add(c0, c1), c2));
	const axis0 = unit(cross([0, 0, 1], center));
	return { center, axis0, axis1: cross(center, axis0) };
}

/** How far along either axis, in the tangent plane, corner `c` lies from the zone's centre. */
function cornerExtent(z: Zone, c: Vec3): number {
	const d: Vec3 = [c[0] - z.center[0], c[1] - z.center[1], c[2] - z.center[2]];
	const mu0 = dot(d, z.axis0);
	const mu1 = dot(d, z.axis1);
	const f = 1 / Math.sqrt(1 - mu0 * mu0 - mu1 * mu1);
	return Math.max(Math.abs(mu0) * f, Math.abs(mu1) * f);
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
function unit(a: Vec3): Vec3 {
	const n = Math.hypot(a[0], a[1], a[2]);
	return [a[0] / n, a[1] / n, a[2] / n];
}
