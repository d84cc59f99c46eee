// Stage 4: verification, astrometry.net's model. For every catalogue star the solution puts on
// the image: matched at distance r, the likelihood ratio of "its own star, Gaussian about it (or a
// distractor)" against "a chance star, uniform at the detected density ρ":
// ((1 - d)·N(r; σ) + d·ρ) / ρ; unmatched, the ratio d. Their logs summed.

import { DISTRACTOR, SIGMA_PX } from './constants';
import { fieldCount, pairCount } from './fit';
import { PAIR_BYTES } from './lsq';
import { height, nDet, pairs, width } from './regions';

/** Log-odds of the current solution; `arcsecPerPx` turns the residuals into pixels. */
export function logOdds(arcsecPerPx: f64): f64 {
	const rho = <f64>nDet / (width * height);
	const sigma2 = SIGMA_PX * SIGMA_PX;
	const peak = 1.0 / (2.0 * Math.PI * sigma2);
	const np = pairCount();
	let sum = <f64>(fieldCount() - np) * Math.log(DISTRACTOR);
	for (let k = 0; k < np; k++) {
		const r = load<f64>(pairs + <usize>k * PAIR_BYTES, 40) / arcsecPerPx;
		sum += Math.log(((1.0 - DISTRACTOR) * peak * Math.exp((-0.5 * r * r) / sigma2) + DISTRACTOR * rho) / rho);
	}
	return sum;
}
