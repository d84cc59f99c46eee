// No wrong solve, ever: star lists and frames that hold no solvable field, or only a damaged one,
// or a field far from its hint, must end unsolved or solved correctly (a few ″ from the truth).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { solveStars, type SolveInput, type SolveResult, type Solved } from '../../../src/lib/solve';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import type { Wcs } from '../../../src/lib/wcs';
import { generateSet } from '../../synthetic';
import { Rng } from '../../synthetic/rng';
import { frameSolveInput, m94SolveInput } from './solve-inputs';
import { offsetSky, randomStars, skyStarList, type SkyStarList } from './star-lists';
import { wcsErrors } from './wcs-errors';

const catalog = diskCatalogSource('static/catalog');
const dir = mkdtempSync(join(tmpdir(), 'crowdsky-solve-negatives-'));
const rng = new Rng(20261205);

/** A solution further than this from the truth, at the centre or any corner, is wrong. */
const CORRECT_ARCSEC = 3;
/** solve-field (index 4108) on the M 94 stack's star list: its centre and scale (see solve-m94.test.ts). */
const M94_TRUTH = { ra: 192.751672, dec: 41.121984, scale: 2.3763 };

interface Case {
	group: string;
	input: SolveInput;
	/** Whether a solution is right; absent when nothing in the input can be solved. */
	correct?: (s: Solved) => boolean;
}

const byWcs = (truth: Wcs) => (s: Solved) => {
	const e = wcsErrors(s.wcs, truth, 1080, 1920);
	return e.centreArcsec <= CORRECT_ARCSEC && e.cornerArcsec <= CORRECT_ARCSEC;
};
const m94Correct = (s: Solved) =>
	separationDeg(s.centre.ra, s.centre.dec, M94_TRUTH.ra, M94_TRUTH.dec) * 3600 <= CORRECT_ARCSEC && Math.abs(s.scale / M94_TRUTH.scale - 1) < 0.001 && s.parity === 'flipped';

/** `n` points spread evenly over the sphere (a Fibonacci lattice), kept away from the poles. */
function skyPositions(n: number): { ra: number; dec: number }[] {
	const golden = Math.PI * (3 - Math.sqrt(5));
	return Array.from({ length: n }, (_, i) => {
		const z = 0.97 * (1 - (2 * (i + 0.5)) / n);
		return { ra: (((i * golden * 180) / Math.PI) % 360 + 360) % 360, dec: (Math.asin(z) * 180) / Math.PI };
	});
}

/** Damaged copies of a clear star list, as cloud leaves them. */
function clouded(list: SkyStarList): [string, SolveInput][] {
	const { input } = list;
	const byFlux = [...input.stars].sort((a, b) => (b.flux as number) - (a.flux as number));
	const floor = byFlux[Math.min(list.listed, byFlux.length) - 1]?.flux ?? 1;
	const dim = input.stars.map((s) => ({ ...s, flux: (s.flux as number) * 0.1 })).filter((s) => s.flux > floor * 0.3);
	return [
		['clouded: the 6 brightest stars left', { ...input, stars: byFlux.slice(0, 6) }],
		['clouded: the 10 brightest stars left', { ...input, stars: byFlux.slice(0, 10) }],
		['clouded: 40 % of the stars lost', { ...input, stars: input.stars.filter(() => rng.next() > 0.4) }],
		['clouded: half the frame covered', { ...input, stars: input.stars.filter((s) => s.y < input.height / 2) }],
		['clouded: dimmed tenfold, noise detections', { ...input, stars: [...dim, ...randomStars(rng, 60).map((s) => ({ ...s, flux: floor * 0.3 * rng.next() }))] }]
	];
}

const cases: Case[] = [];
let pool: KernelPool;

beforeAll(async () => {
	pool = createLocalPool(loadKernel());
	const m94 = await m94SolveInput();

	for (let i = 0; i < 30; i++) cases.push({ group: 'noise star list, M 94 hint', input: { ...m94, stars: randomStars(rng, 10 + 13 * i) } });
	for (const hint of skyPositions(60)) cases.push({ group: 'random stars (empty sky), hint all over the sky', input: { ...m94, hint, stars: randomStars(rng, 150) } });
	for (const hint of skyPositions(40)) cases.push({ group: 'real M 94 stars, wrong hint all over the sky', input: { ...m94, hint }, correct: m94Correct });
	for (let k = 0; k < 8; k++) {
		cases.push({ group: 'real M 94 stars, hint 5° off', input: { ...m94, hint: offsetSky(M94_TRUTH, 5, k * 45) }, correct: m94Correct });
		cases.push({ group: 'real M 94 stars, hint 2° off', input: { ...m94, hint: offsetSky(M94_TRUTH, 2, k * 45 + 20) }, correct: m94Correct });
	}

	for (const [i, f] of skyPositions(12).entries()) {
		const list = await skyStarList(catalog, rng, { ...f, angleDeg: i * 30 });
		const correct = byWcs(list.truth);
		cases.push({ group: 'clear catalogue star list (control)', input: list.input, correct });
		for (const [group, input] of clouded(list)) cases.push({ group, input, correct });
		cases.push({ group: 'catalogue star list, hint 5° off', input: { ...list.input, hint: offsetSky(f, 5, rng.uniform(0, 360)) }, correct });
	}

	// Frames of an empty synthetic sky (random stars) and of noise alone, at M 94's real pointing.
	for (const [sub, stars] of [['empty', undefined], ['noise', 0]] as const) {
		generateSet({ dir: join(dir, sub), count: 3, seed: 77, ...(stars === 0 ? { stars } : {}) });
		for (const file of readdirSync(join(dir, sub)).filter((f) => f.endsWith('.fit'))) {
			cases.push({ group: `${sub === 'empty' ? 'empty synthetic sky' : 'noise-only'} frame, real hint`, input: await frameSolveInput(join(dir, sub, file), pool) });
		}
	}
}, 120_000);

afterAll(async () => {
	await pool?.close();
	rmSync(dir, { recursive: true, force: true });
});

type Outcome = 'unsolved' | 'solved-correct' | 'WRONG';

function outcome(c: Case, r: SolveResult): Outcome {
	if (!r.solved) return 'unsolved';
	return c.correct?.(r) ? 'solved-correct' : 'WRONG';
}

describe('no wrong solve', () => {
	it('ends ≥ 200 hard cases unsolved or solved correctly, never wrong', async () => {
		const tally = new Map<string, Record<Outcome, number>>();
		const wrong: string[] = [];
		for (const c of cases) {
			const r = await solveStars(pool, catalog, c.input);
			const o = outcome(c, r);
			const row = tally.get(c.group) ?? { unsolved: 0, 'solved-correct': 0, WRONG: 0 };
			row[o]++;
			tally.set(c.group, row);
			if (o === 'WRONG' && r.solved) wrong.push(`${c.group}: hint ${JSON.stringify(c.input.hint)} solved to ${JSON.stringify(r.centre)} with ${r.matches}/${r.needed} matches`);
		}
		const total = { unsolved: 0, 'solved-correct': 0, WRONG: 0 };
		for (const [group, row] of tally) {
			console.log(`${group}: ${row.unsolved} unsolved, ${row['solved-correct']} solved correctly, ${row.WRONG} WRONG`);
			for (const k of Object.keys(total) as Outcome[]) total[k] += row[k];
		}
		console.log(`all ${cases.length} cases: ${total.unsolved} unsolved, ${total['solved-correct']} solved correctly, ${total.WRONG} WRONG`);
		expect(wrong).toEqual([]);
		expect(cases.length).toBeGreaterThanOrEqual(200);
		// The controls must solve, or "never wrong" would be bought by never solving.
		expect(tally.get('clear catalogue star list (control)')!['solved-correct']).toBeGreaterThanOrEqual(10);
	}, 60_000);
});
