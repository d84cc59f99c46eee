import { FitsHeader, type CardValue } from '$lib/fits';
import type { FrameInfo } from '$lib/chunks';
import { Rng } from '../../synthetic/rng';

/** A header from key/value pairs, in order (values as the FITS reader would give them). */
export function headerOf(values: Record<string, CardValue>): FitsHeader {
	return new FitsHeader(Object.entries(values).map(([key, value]) => ({ key, value })));
}

/** The cards a Seestar S50 writes that matter here (M 94, 2025-03-27). */
export const SEESTAR_CARDS: Record<string, CardValue> = {
	SIMPLE: true,
	EXPOSURE: 10,
	EXPTIME: 10,
	RA: 193.070835,
	DEC: 40.979722,
	'DATE-OBS': '2025-03-27T05:45:00.734589',
	FILTER: 'IRCUT',
	INSTRUME: 'Seestar S50',
	TELESCOP: 'S50_1d3fe189',
	OBJECT: 'M 94'
};

/** A frame as frameInfoFromHeader would give it; healpix is not used by grouping. */
export function frame(name: string, iso: string, over: Partial<FrameInfo> = {}): FrameInfo {
	return {
		name,
		size: 4_152_960,
		dateObs: Date.parse(`${iso}Z`),
		exptime: 10,
		ra: 193.070835,
		dec: 40.979722,
		object: 'M 94',
		telescope: 'S50_1d3fe189',
		filter: 'IRCUT',
		instrument: 'Seestar S50',
		healpix: 0,
		...over
	};
}

/** A deterministic shuffle (seeded), so a failing order can be replayed. */
export function shuffled<T>(items: T[], seed: number): T[] {
	const out = [...items];
	const random = new Rng(seed);
	for (let i = out.length - 1; i > 0; i--) {
		const j = random.int(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
