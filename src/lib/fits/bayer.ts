import { FitsError } from './errors';
import type { FitsHeader } from './header';
import { show } from './show';

export type BayerPattern = 'RGGB' | 'BGGR' | 'GRBG' | 'GBRG';
export type RowOrder = 'TOP-DOWN' | 'BOTTOM-UP';

const PATTERNS: readonly BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];
const ROW_ORDERS: readonly RowOrder[] = ['TOP-DOWN', 'BOTTOM-UP'];
/** The same mosaic read with its two rows exchanged. */
const ROWS_SWAPPED: Record<BayerPattern, BayerPattern> = { RGGB: 'GBRG', GBRG: 'RGGB', BGGR: 'GRBG', GRBG: 'BGGR' };

/** ROWORDER (ASCOM/Siril): how rows are stored. Missing means TOP-DOWN, what cameras write. */
export function readRowOrder(header: FitsHeader): RowOrder {
	if (!header.has('ROWORDER')) return 'TOP-DOWN';
	const value = header.get('ROWORDER');
	const order = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
	const known = ROW_ORDERS.find((o) => o === order);
	if (!known) {
		throw new FitsError('BAD_ROWORDER', `ROWORDER = ${show(value)} is not supported; supported: ${ROW_ORDERS.join(', ')}`);
	}
	return known;
}

/**
 * The Bayer pattern in STORAGE order (row 0 = first row in the file), or null for a mono frame.
 *
 * Convention (ASCOM, Siril): BAYERPAT describes the image displayed top-down. A BOTTOM-UP file
 * stores display row height-1-y as row y, so when the height is even, storage row 0 is an odd
 * display row and the two rows of the 2x2 pattern swap (RGGB <-> GBRG, BGGR <-> GRBG). With an
 * odd height the parities agree and the pattern is unchanged.
 */
export function readBayer(header: FitsHeader, rowOrder: RowOrder, height: number): BayerPattern | null {
	if (!header.has('BAYERPAT')) return null;
	const value = header.get('BAYERPAT');
	const name = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
	const pattern = PATTERNS.find((p) => p === name);
	if (!pattern) {
		throw new FitsError('BAD_BAYERPAT', `BAYERPAT = ${show(value)} is not supported; supported: ${PATTERNS.join(', ')}`);
	}
	for (const key of ['XBAYROFF', 'YBAYROFF']) {
		const offset = header.get(key);
		if (offset !== undefined && offset !== 0) {
			throw new FitsError('UNSUPPORTED_IMAGE', `${key} = ${show(offset)} is not supported; only Bayer offsets of 0`);
		}
	}
	return rowOrder === 'BOTTOM-UP' && height % 2 === 0 ? ROWS_SWAPPED[pattern] : pattern;
}
