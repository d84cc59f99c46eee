import type { BayerPattern, Card } from '../../src/lib/fits';
import { OBJECT_NAME, type FramePlan } from './frame-plan';
import { wcsCards } from '../../src/lib/wcs';

/**
 * Where the synthetic telescope says it points and where it stands (M 94 from the real sample set's
 * site): the mount's RA/DEC, some arcminutes off the true field centre as on the real frames.
 */
export const POINTING = { ra: 193.070835, dec: 40.979722 };
export const SITE = { lat: 32.8965, long: -79.7625 };
export const TELESCOPE = 'S50_synthetic';

/**
 * The cards a Seestar S50 writes for a light frame, in its order (structural cards come from
 * writeFits), then the frame's true WCS where a plate solver would append it.
 */
export function seestarCards(plan: FramePlan, bayer: BayerPattern | null): Card[] {
	return [
		{ key: 'CREATOR', value: 'CrowdSky synthetic', comment: 'Capture software' },
		{ key: 'FOCALLEN', value: 250, comment: 'Focal length of telescope in mm' },
		{ key: 'XBINNING', value: 1, comment: 'Camera X Bin' },
		{ key: 'YBINNING', value: 1, comment: 'Camera Y Bin' },
		{ key: 'XPIXSZ', value: 2.9, comment: 'pixel size in microns (with binning)' },
		{ key: 'YPIXSZ', value: 2.9, comment: 'pixel size in microns (with binning)' },
		{ key: 'IMAGETYP', value: 'Light', comment: 'Type of image' },
		{ key: 'EXPOSURE', value: plan.exptime, comment: 'Exposure time in seconds' },
		{ key: 'EXPTIME', value: plan.exptime, comment: 'Exposure time in seconds' },
		{ key: 'CCD-TEMP', value: 17.875, comment: 'sensor temperature in C' },
		{ key: 'RA', value: POINTING.ra, comment: 'Object Right Ascension in degrees' },
		{ key: 'DEC', value: POINTING.dec, comment: 'Object Declination in degrees' },
		{ key: 'SITELONG', value: SITE.long, comment: 'longitude of the imaging site in degrees' },
		{ key: 'SITELAT', value: SITE.lat, comment: 'latitude of the imaging site in degrees' },
		{ key: 'DATE-OBS', value: plan.dateObs, comment: 'Image created time' },
		{ key: 'FILTER', value: 'IRCUT', comment: 'Filter used when taking image' },
		{ key: 'INSTRUME', value: 'Seestar S50', comment: 'Camera model' },
		...(bayer ? [{ key: 'BAYERPAT', value: bayer, comment: 'Bayer pattern' }] : []),
		{ key: 'GAIN', value: 80, comment: 'Gain Value' },
		{ key: 'TELESCOP', value: TELESCOPE, comment: 'Telescope name' },
		{ key: 'OBJECT', value: OBJECT_NAME, comment: 'name or catalog number of object being imaged' },
		{ key: 'TOTALEXP', value: plan.exptime, comment: 'Total Exposure Time in seconds' },
		...wcsCards(plan.wcs)
	];
}
