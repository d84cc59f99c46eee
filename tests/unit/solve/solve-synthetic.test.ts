// Synthetic sets drawn from the real catalogue (true positions through a known WCS, fluxes from
// VT): the stack's solution and each single frame's must recover the generator's true WCS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { solveStars, type SolveInput } from '../../../src/lib/solve';
import { pixelToSky } from '../../../src/lib/wcs';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import { catalogFieldStars, generateSet, type SyntheticSet } from '../../synthetic';
import { folderSources } from '../stacking/helpers';
import { frameSolveInput, stackSolveInput } from './solve-inputs';
import { wcsErrors } from './wcs-errors';

const catalog = diskCatalogSource('static/catalog');
const dir = mkdtempSync(join(tmpdir(), 'crowdsky-solve-synthetic-'));
const FIELD = { ra: 192.7214, dec: 41.1203, angleDeg: 0 };
let set: SyntheticSet;
let pool: KernelPool;
let stack: SolveInput;
let reference: string;

beforeAll(async () => {
	// Four full-size frames turning by 1°, shifted, the last one clouded, as the default set.
	set = generateSet({ dir, count: 4, seed: 12, catalog: await catalogFieldStars(catalog, FIELD) });
	pool = createLocalPool(loadKernel());
	const { fits, report } = await stackFrames(await folderSources(dir), pool);
	stack = stackSolveInput(fits);
	reference = report.reference!;
}, 120_000);

afterAll(async () => {
	await pool?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('solving synthetic frames of catalogue stars', () => {
	it('draws the catalogue stars the frames see, brighter than every random star', () => {
		const listed = set.stars.filter((s) => s.catalogRow !== undefined);
		const faintestListed = Math.min(...listed.map((s) => s.flux));
		console.log(`${listed.length} catalogue stars and ${set.stars.length - listed.length} random ones in the synthetic field`);
		expect(listed.length).toBeGreaterThanOrEqual(15);
		expect(set.stars.filter((s) => s.catalogRow === undefined).every((s) => s.flux <= faintestListed)).toBe(true);
		// Each catalogue star sits where the reference frame's true WCS puts its catalogue position.
		const ref = set.frames[0].wcs;
		const off = listed.map((s) => {
			const p = pixelToSky(ref, s.x + 1, s.y + 1);
			return separationDeg(p.ra, p.dec, s.ra, s.dec) * 3600;
		});
		expect(Math.max(...off)).toBeLessThan(1e-6);
	});

	it('recovers the reference frame\'s true WCS from the stack: ≤ 0.3″ at the centre, ≤ 0.01° in rotation, ≤ 0.05 % in scale', async () => {
		const result = await solveStars(pool, catalog, stack);
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (!result.solved) return;
		const truth = set.frames.find((f) => f.file === reference)!.wcs;
		const e = wcsErrors(result.wcs, truth, stack.width, stack.height);
		console.log(
			`synthetic stack (${stack.stars.length} stars, ${result.matches} matched, RMS ${result.rmsArcsec.toFixed(3)}″): ` +
				`centre ${e.centreArcsec.toFixed(3)}″, rotation ${e.rotationDeg.toFixed(5)}°, scale ${e.scalePct.toFixed(4)} %, corners ≤ ${e.cornerArcsec.toFixed(3)}″`
		);
		expect(e.centreArcsec).toBeLessThanOrEqual(0.3);
		expect(e.rotationDeg).toBeLessThanOrEqual(0.01);
		expect(e.scalePct).toBeLessThanOrEqual(0.05);
		expect(result.parity).toBe('flipped');
	});

	it('solves each clear single frame, its stars found by the kernel\'s analyse, to its own true WCS; the clouded one only correctly or not at all', async () => {
		for (const frame of set.frames) {
			const input = await frameSolveInput(join(dir, frame.file), pool);
			const result = await solveStars(pool, catalog, input);
			if (frame.clouded && !result.solved) {
				console.log(`frame ${frame.file} (clouded, ${input.stars.length} stars): unsolved, ${result.reason}`);
				continue;
			}
			expect(result.solved, `${frame.file}: ${result.solved ? '' : result.reason}`).toBe(true);
			if (!result.solved) continue;
			const e = wcsErrors(result.wcs, frame.wcs, input.width, input.height);
			console.log(
				`frame ${frame.file}${frame.clouded ? ' (clouded)' : ''}: ${result.matches} matched, RMS ${result.rmsArcsec.toFixed(3)}″, ` +
					`centre ${e.centreArcsec.toFixed(3)}″, rotation ${e.rotationDeg.toFixed(5)}°, scale ${e.scalePct.toFixed(4)} %, corners ≤ ${e.cornerArcsec.toFixed(3)}″`
			);
			// A single frame is noisier than the stack: 1″ at the centre and corners, the bound for real frames.
			expect(e.centreArcsec).toBeLessThanOrEqual(1);
			expect(e.cornerArcsec).toBeLessThanOrEqual(1);
		}
	}, 60_000);
});
