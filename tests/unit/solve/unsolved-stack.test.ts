import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { headerText } from '../../../src/lib/fits';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import { generateSet } from '../../synthetic';
import { folderSources, hdusByName } from '../stacking/helpers';

const dir = mkdtempSync(join(tmpdir(), 'crowdsky-unsolvable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a stack the solver cannot place', () => {
	it('is still written, unsolved, with the reason in printable ASCII', async () => {
		// Random stars at M 94's real pointing: an empty sky for the catalogue. The solver's reason
		// names degrees and arcseconds (°, ″), which a FITS header cannot hold as they are.
		generateSet({ dir, count: 2, width: 540, height: 960, seed: 5 });
		const pool = createLocalPool(loadKernel());
		try {
			const { fits, report } = await stackFrames(await folderSources(dir), pool, { catalog: diskCatalogSource('static/catalog') });
			const primary = hdusByName(fits).get('PRIMARY')!.header;
			expect(primary.get('PLTSOLVD')).toBe(false);
			const reason = primary.string('PLTREASN')!;
			expect(reason).toMatch(/^no star pattern matched the catalogue at \d+ centres within 1\.75 deg/);
			expect(report.counts.aligned).toBe(2);
		} finally {
			await pool.close();
		}
	});

	it('headerText spells the symbols out and replaces anything else, within the length', () => {
		expect(headerText('1.75° off, 0.6″ and 40′, 3 × 4 ± 1', 68)).toBe(`1.75 deg off, 0.6" and 40', 3 x 4 +/- 1`);
		expect(headerText('Ωmega 🙂 tab\there', 68)).toBe('?mega ? tab?here');
		expect(headerText('°'.repeat(40), 10)).toBe(' deg deg d');
	});
});
