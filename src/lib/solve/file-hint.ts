import { readPointing } from '../chunks/pointing';
import type { FitsHeader } from '../fits';
import { pixelScale, pixelToSky, readWcs, type SkyPosition, type Wcs } from '../wcs';

export type FileHint = { hint: SkyPosition; scale: number } | { reason: string };

// 206.265 ″·mm/µm: arcseconds per pixel of an XPIXSZ µm pixel at FOCALLEN mm.
const ARCSEC_MM_PER_UM = 206.265;

/**
 * Where a file points and its nominal pixel scale, from its primary header: the pointing from
 * RA/DEC (or OBJCTRA/OBJCTDEC, or CRVAL of an older WCS), the scale from XPIXSZ/FOCALLEN (XPIXSZ is
 * already per binned pixel), else from the older WCS's CD.
 */
export function fileHint(header: FitsHeader, width: number, height: number): FileHint {
	const wcs = oldWcs(header);
	const pointing = readPointing(header);
	let hint: SkyPosition;
	if ('ra' in pointing) hint = pointing;
	else if (wcs) hint = pixelToSky(wcs, (width + 1) / 2, (height + 1) / 2);
	else return { reason: pointing.reason };
	const pixel = header.number('XPIXSZ');
	const focal = header.number('FOCALLEN');
	const nominal = pixel !== undefined && focal !== undefined && pixel > 0 && focal > 0 ? (ARCSEC_MM_PER_UM * pixel) / focal : undefined;
	const scale = nominal ?? (wcs ? pixelScale(wcs) : undefined);
	if (scale === undefined) return { reason: 'no pixel scale: the header has neither XPIXSZ and FOCALLEN nor a WCS' };
	return { hint, scale };
}

/** The header's own WCS if it has a readable one; an unreadable one is no hint. */
function oldWcs(header: FitsHeader): Wcs | null {
	try {
		return readWcs(header);
	} catch {
		return null;
	}
}
