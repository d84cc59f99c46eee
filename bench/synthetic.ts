// Full-size synthetic Seestar sets for the benchmark, generated once and cached by content.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateSet } from '../tests/synthetic';
import type { SyntheticSet } from '../tests/synthetic';

const GENERATOR_DIR = new URL('../tests/synthetic/', import.meta.url).pathname;
const SEED = 1;

/** Hash of the generator's sources: a changed generator gets a new cache folder, never stale frames. */
function generatorHash(): string {
	const hash = createHash('sha256');
	for (const f of readdirSync(GENERATOR_DIR).filter((n) => n.endsWith('.ts')).sort()) hash.update(f).update(readFileSync(join(GENERATOR_DIR, f)));
	return hash.digest('hex').slice(0, 10);
}

/** The set of `count` 1080 × 1920 frames in `cacheDir` (field rotation `rotationDeg` by the last frame,
 * the generator's default when absent), generating it when missing or incomplete. */
export function syntheticSet(cacheDir: string, count: number, log: (line: string) => void, rotationDeg?: number): SyntheticSet {
	const rotation = rotationDeg === undefined ? '' : `-rot${rotationDeg}`;
	const dir = join(cacheDir, `synthetic-${count}${rotation}-seed${SEED}-${generatorHash()}`);
	const truthFile = join(dir, 'truth.json');
	if (existsSync(truthFile)) {
		const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Omit<SyntheticSet, 'dir'>;
		const complete = truth.frames.length === count && truth.frames.every((f) => existsSync(join(dir, f.file)) && statSync(join(dir, f.file)).size > 0);
		if (complete) return { dir, ...truth };
	}
	log(`generating ${count} synthetic frames in ${dir} ...`);
	const started = performance.now();
	const set = generateSet({ dir, count, seed: SEED, rotationDeg });
	log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return set;
}
