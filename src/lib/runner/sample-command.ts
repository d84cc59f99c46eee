import { resolve } from 'node:path';
import { catalogFieldStars, generateSet } from '../../../tests/synthetic';
import { DEFAULT_FIELD } from '../../../tests/synthetic/model';
import { parseSampleArgs } from './args';
import { checkoutCatalog } from './checkout-catalog';
import type { Io } from './stack-command';

/**
 * `sample <dir> [--count N]`: synthetic Seestar frames (tests/synthetic: 1080 x 1920, GRBG, 10 s)
 * of the M 94 field, its stars from the checkout's catalogue so the stack plate-solves, with a
 * satellite trail, hot pixels and a clouded frame; `truth.json` beside them. A fresh clone has
 * no frames of its own: this makes the README's `node runner.js stack` example runnable.
 */
export async function sampleCommand(argv: string[], io: Io): Promise<number> {
	const { dir, count } = parseSampleArgs(argv);
	const started = performance.now();
	const catalog = await catalogFieldStars(checkoutCatalog(), DEFAULT_FIELD);
	const set = generateSet({ dir, count, catalog });
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	io.stdout.write(`${set.frames.length} synthetic frames of the M 94 field (${set.width} x ${set.height}) in ${resolve(dir)} in ${seconds} s\n`);
	return 0;
}
