import { headerText, type Card } from '../fits';
import { wcsCards } from '../wcs';
import type { SolveResult } from './types';

/** Catalogue named in PLTCAT. */
export const CATALOG_NAME = 'Tycho-2 (astrometry.net index 4108)';

/**
 * The primary-header cards that say whether and how an image is plate-solved: the WCS and its
 * quality when solved, PLTSOLVD = F and the reason when not. Readers (seestar_photometry, ASTAP,
 * astropy) look for PLTSOLVD and the WCS in the primary header only.
 */
export function solutionCards(result: SolveResult): Card[] {
	if (!result.solved) {
		return [
			{ key: 'PLTSOLVD', value: false, comment: 'not plate-solved' },
			{ key: 'PLTREASN', value: headerText(result.reason, 68), comment: 'why not' }
		];
	}
	return [
		// A stack's primary HDU has no data (NAXIS = 0): WCSAXES says the WCS has two axes anyway,
		// and must come before every other WCS keyword.
		{ key: 'WCSAXES', value: 2, comment: 'celestial axes of the WCS' },
		{ key: 'PLTSOLVD', value: true, comment: 'plate-solved by CrowdSky' },
		{ key: 'RADESYS', value: 'ICRS', comment: 'reference frame of the WCS' },
		{ key: 'EQUINOX', value: 2000, comment: 'equinox of the WCS' },
		...wcsCards(result.wcs),
		{ key: 'PLTSTARS', value: result.matches, comment: 'catalogue stars matched' },
		{ key: 'PLTRMS', value: Math.round(result.rmsArcsec * 1000) / 1000, comment: '[arcsec] RMS of the matched stars' },
		{ key: 'PLTCAT', value: CATALOG_NAME, comment: 'astrometric catalogue' }
	];
}
