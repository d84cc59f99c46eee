import { applyAffine, type Affine } from '../../src/lib/stacking/match';
import { CLOUD_TRANSMISSION, FWHM, LOCAL_OFFSET_HOURS, SEEING_SCATTER, START_UTC_MS } from './model';
import type { ResolvedOptions } from './options';
import type { Rng } from './rng';
import { frameWcs, referenceWcs } from './sky';
import type { Wcs } from '../../src/lib/wcs';
import type { TrailLine } from './types';

export interface FramePlan {
	index: number;
	file: string;
	/** Frame pixel -> reference pixel. */
	transform: Affine;
	/** The frame's true WCS, from `transform` and the reference's. */
	wcs: Wcs;
	exptime: number;
	dateObs: string;
	clouded: boolean;
	trail: TrailLine | null;
	fwhm: number;
	/** Fraction of star light reaching the sensor (1, or CLOUD_TRANSMISSION through cloud). */
	transmission: number;
}

export const OBJECT_NAME = 'Synthetic Field';

/** Rotation by `deg` about the frame centre, then a shift: frame pixel -> reference pixel. */
export function frameToReference(deg: number, shiftX: number, shiftY: number, width: number, height: number): Affine {
	const th = (deg * Math.PI) / 180;
	const c = Math.cos(th);
	const s = Math.sin(th);
	const cx = (width - 1) / 2;
	const cy = (height - 1) / 2;
	// 0 - s, not -s: no negative zero in the truth for a zero angle.
	return [c, 0 - s, cx - c * cx + s * cy + shiftX, s, c, cy - s * cx - c * cy + shiftY];
}

/** 'YYYY-MM-DDTHH:MM:SS.ffffff', as the Seestar writes DATE-OBS (UTC, microseconds). */
function isoMicro(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** 'YYYYMMDD-HHMMSS' in the camera's local time, as in Seestar file names. */
function localStamp(ms: number): string {
	const iso = new Date(ms + LOCAL_OFFSET_HOURS * 3600_000).toISOString();
	return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** A line through a random point of the frame's centre at a random angle, clipped to the frame. */
function randomTrail(rng: Rng, width: number, height: number): TrailLine {
	const px = rng.uniform(0.25, 0.75) * (width - 1);
	const py = rng.uniform(0.25, 0.75) * (height - 1);
	const th = rng.uniform(0, Math.PI);
	const dx = Math.cos(th);
	const dy = Math.sin(th);
	// Parameters where the line leaves the box [0, width-1] x [0, height-1].
	const ts: number[] = [];
	if (Math.abs(dx) > 1e-12) ts.push(-px / dx, (width - 1 - px) / dx);
	if (Math.abs(dy) > 1e-12) ts.push(-py / dy, (height - 1 - py) / dy);
	const inside = ts.filter((t) => {
		const x = px + t * dx;
		const y = py + t * dy;
		return x >= -1e-9 && x <= width - 1 + 1e-9 && y >= -1e-9 && y <= height - 1 + 1e-9;
	});
	const t0 = Math.min(...inside);
	const t1 = Math.max(...inside);
	return [px + t0 * dx, py + t0 * dy, px + t1 * dx, py + t1 * dy];
}

/** What each frame will be: its transform, timing, defects and seeing. Frame 0 is the reference. */
export function planFrames(o: ResolvedOptions, rng: Rng): FramePlan[] {
	const trail = randomTrail(rng, o.width, o.height);
	const refWcs = referenceWcs(o.field, o.width, o.height);
	let startMs = START_UTC_MS;
	return Array.from({ length: o.count }, (_, i): FramePlan => {
		const exptime = o.exptimes[i % o.exptimes.length];
		const deg = o.count > 1 ? (o.rotationDeg * i) / (o.count - 1) : 0;
		const shiftX = i > 0 ? rng.uniform(-o.maxShift, o.maxShift) : 0;
		const shiftY = i > 0 ? rng.uniform(-o.maxShift, o.maxShift) : 0;
		const clouded = i === o.cloudedFrame;
		const transform = frameToReference(deg, shiftX, shiftY, o.width, o.height);
		const seeing = 1 + SEEING_SCATTER * rng.normal();
		const plan: FramePlan = {
			index: i,
			file: `Light_${OBJECT_NAME}_${exptime.toFixed(1)}s_IRCUT_${localStamp(startMs)}.fit`,
			transform,
			wcs: frameWcs(refWcs, transform),
			exptime,
			dateObs: isoMicro(startMs),
			clouded,
			trail: i === o.trailFrame ? trail : null,
			fwhm: FWHM * seeing * (clouded ? 1.1 : 1),
			transmission: clouded ? CLOUD_TRANSMISSION : 1
		};
		startMs += Math.round(exptime * 1000);
		return plan;
	});
}

/** Bounding box [x0, y0, x1, y1] in reference pixels of everything any frame sees, plus `pad`. */
export function fieldBounds(plans: FramePlan[], width: number, height: number, pad: number): [number, number, number, number] {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const p of plans) {
		for (const [cx, cy] of [
			[0, 0],
			[width - 1, 0],
			[0, height - 1],
			[width - 1, height - 1]
		]) {
			const [x, y] = applyAffine(p.transform, cx, cy);
			x0 = Math.min(x0, x);
			y0 = Math.min(y0, y);
			x1 = Math.max(x1, x);
			y1 = Math.max(y1, y);
		}
	}
	return [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
}
