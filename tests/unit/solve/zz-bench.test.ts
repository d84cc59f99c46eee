import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { solveStars } from '../../../src/lib/solve/solve-stars';
it('bench', async () => {
	const m94 = JSON.parse(readFileSync('/tmp/ks/m94.json', 'utf8'));
	const ngc = JSON.parse(readFileSync('/tmp/ks/ngc7023.json', 'utf8'));
	const base = createLocalPool(loadKernel());
	let times: number[] = [];
	const pool = { ...base, solve: async (i: any) => { const t = performance.now(); const r = await base.solve(i); times.push(performance.now() - t); return r; } } as any;
	const cat = diskCatalogSource('static/catalog');
	let seed = 1;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const rnd = (n: number) => Array.from({ length: n }, () => ({ x: next() * 1080, y: next() * 1920, flux: next() }));
	const cases: [string, any][] = [['m94', m94], ['ngc7023', ngc], ['m94 90off', { ...m94, hint: { ra: 192.751672, dec: 41.121984 - 1.5 } }], ['m94 5deg', { ...m94, hint: { ra: m94.hint.ra, dec: m94.hint.dec + 5 } }], ['rand200', { ...m94, stars: rnd(200) }], ['rand500', { ...m94, stars: rnd(500) }], ['rand500 ngc', { ...ngc, stars: rnd(500) }]];
	for (const [name, inp] of cases) {
		times = [];
		let r: any;
		for (let k = 0; k < 7; k++) r = await solveStars(pool, cat, inp);
		const s = [...times].sort((a, b) => a - b);
		console.log(`BENCH ${name}: kernel min ${s[0].toFixed(1)} median ${s[3].toFixed(1)} ms; ${r.solved ? 'solved centres ' + r.triedCentres : r.reason}`);
	}
}, 120000);
