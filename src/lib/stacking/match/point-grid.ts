import type { Point } from './types';

/** A hash grid over points for "nearest point within r" queries; cells are at least r wide. */
export class PointGrid {
	private readonly cells = new Map<number, number[]>();
	private readonly minX: number;
	private readonly minY: number;
	private readonly cols: number;

	constructor(
		private readonly points: readonly Point[],
		private readonly cell: number
	) {
		let minX = Infinity;
		let minY = Infinity;
		let maxX = -Infinity;
		for (const p of points) {
			if (p.x < minX) minX = p.x;
			if (p.y < minY) minY = p.y;
			if (p.x > maxX) maxX = p.x;
		}
		this.minX = minX;
		this.minY = minY;
		this.cols = points.length ? Math.floor((maxX - minX) / cell) + 1 : 0;
		points.forEach((p, i) => {
			const key = this.key(this.col(p.x), this.row(p.y));
			const list = this.cells.get(key);
			if (list) list.push(i);
			else this.cells.set(key, [i]);
		});
	}

	private col(x: number): number {
		return Math.floor((x - this.minX) / this.cell);
	}

	private row(y: number): number {
		return Math.floor((y - this.minY) / this.cell);
	}

	private key(col: number, row: number): number {
		return row * this.cols + col;
	}

	/** Index of the nearest point within `r` (≤ the cell size) of (x, y), or -1; ties go to the lower index. */
	nearest(x: number, y: number, r: number): { index: number; dist2: number } {
		let index = -1;
		let best = r * r;
		const c = this.col(x);
		const rw = this.row(y);
		if (!Number.isFinite(c) || !Number.isFinite(rw)) return { index, dist2: Infinity };
		for (let row = rw - 1; row <= rw + 1; row++) {
			for (let col = c - 1; col <= c + 1; col++) {
				if (col < 0 || col >= this.cols || row < 0) continue;
				const list = this.cells.get(this.key(col, row));
				if (!list) continue;
				for (const i of list) {
					const dx = this.points[i].x - x;
					const dy = this.points[i].y - y;
					const d2 = dx * dx + dy * dy;
					if (d2 < best || (d2 === best && (index < 0 || i < index))) {
						best = d2;
						index = i;
					}
				}
			}
		}
		return { index, dist2: index < 0 ? Infinity : best };
	}
}
