import { separationDeg } from '../../../src/lib/chunks/pointing';
import { pixelToSky, type Wcs } from '../../../src/lib/wcs';

const RAD = Math.PI / 180;

/** Position angle of `to` seen from `from`, degrees east of north. */
function positionAngle(from: { ra: number; dec: number }, to: { ra: number; dec: number }): number {
	const dra = (to.ra - from.ra) * RAD;
	const [d1, d2] = [from.dec * RAD, to.dec * RAD];
	return Math.atan2(Math.sin(dra) * Math.cos(d2), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(dra)) / RAD;
}

/** Half the baseline of the local measurements, pixels. */
const ARM = 50;

/**
 * Where the image centre points, the position angle of +y there and the mean scale over ±ARM px,
 * measured on the sky through `wcs`: two solutions compare the same way whatever their CRPIX/CRVAL.
 */
function localFacts(wcs: Wcs, width: number, height: number) {
	const [cx, cy] = [(width + 1) / 2, (height + 1) / 2];
	const sky = (x: number, y: number) => pixelToSky(wcs, x, y);
	const sep = (a: { ra: number; dec: number }, b: { ra: number; dec: number }) => separationDeg(a.ra, a.dec, b.ra, b.dec) * 3600;
	const [xl, xr, yd, yu] = [sky(cx - ARM, cy), sky(cx + ARM, cy), sky(cx, cy - ARM), sky(cx, cy + ARM)];
	return { centre: sky(cx, cy), angle: positionAngle(yd, yu), scale: Math.sqrt((sep(xl, xr) / (2 * ARM)) * (sep(yd, yu) / (2 * ARM))) };
}

export interface WcsErrors {
	/** Sky distance between the two WCS's positions of the image centre, arcseconds. */
	centreArcsec: number;
	/** Difference of the +y axis's position angle at the centre, degrees (absolute). */
	rotationDeg: number;
	/** Relative difference of the scale at the centre, percent (absolute). */
	scalePct: number;
	/** Largest sky distance at the four corners, arcseconds. */
	cornerArcsec: number;
}

/** How far `found` is from `truth` on a `width` x `height` image. */
export function wcsErrors(found: Wcs, truth: Wcs, width: number, height: number): WcsErrors {
	const a = localFacts(found, width, height);
	const b = localFacts(truth, width, height);
	const turn = Math.abs(a.angle - b.angle) % 360;
	const corners = [
		[1, 1],
		[1, height],
		[width, height],
		[width, 1]
	].map(([x, y]) => {
		const p = pixelToSky(found, x, y);
		const q = pixelToSky(truth, x, y);
		return separationDeg(p.ra, p.dec, q.ra, q.dec) * 3600;
	});
	return {
		centreArcsec: separationDeg(a.centre.ra, a.centre.dec, b.centre.ra, b.centre.dec) * 3600,
		rotationDeg: Math.min(turn, 360 - turn),
		scalePct: Math.abs(a.scale / b.scale - 1) * 100,
		cornerArcsec: Math.max(...corners)
	};
}
