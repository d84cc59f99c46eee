import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { solveStars } from '../../../src/lib/solve/solve-stars';
it('try', async () => {
	const m94 = JSON.parse(readFileSync('/tmp/ks/m94.json', 'utf8'));
	const pool = createLocalPool(loadKernel());
	const cat = diskCatalogSource('static/catalog');
	for (const [name, inp] of [['hint', m94], ['40off', { ...m94, hint: { ra: m94.hint.ra + 0.5, dec: m94.hint.dec + 0.45 } }], ['5off', { ...m94, hint: { ra: m94.hint.ra, dec: m94.hint.dec + 5 } }]] as const) {
		const t = performance.now();
		const r = await solveStars(pool, cat, inp);
		const ms = performance.now() - t;
		const { matched, ...rest } = r as any;
		console.log(name, ms.toFixed(1), 'ms', JSON.stringify(rest));
		if (r.solved) console.log('sep″', separationDeg(r.centre.ra, r.centre.dec, 192.751672, 41.121984) * 3600, 'scale', r.scale, matched.slice(0, 5));
	}
}, 60000);
