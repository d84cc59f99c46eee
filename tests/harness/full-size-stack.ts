/**
 * A full-size stack in CrowdSky's layout for the preview storm (e2e test and bench): a real M 94
 * frame's pixels (1080 x 1920) as the RED, GREEN and BLUE planes, float32, 25 MB, with the header
 * cards a stack made on the telescope carries, so POST /api/stacks takes it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeToFloat32, readHdus, readImageHdu, writeFits, type Card } from '../../src/lib/fits';

export const M94_DIR = new URL('../../../shared/data/seestar/M94_set2_20250327/', import.meta.url).pathname;

export async function m94Paths(): Promise<string[]> {
	return (await readdir(M94_DIR)).filter((n) => n.endsWith('.fit')).sort().map((n) => path.join(M94_DIR, n));
}

export async function fullSizeStack(): Promise<Uint8Array> {
	const raw = new Uint8Array(await readFile((await m94Paths())[0]));
	const image = readImageHdu(raw, readHdus(raw)[0], 'PRIMARY');
	const plane = decodeToFloat32(image);
	const cards: Card[] = [
		{ key: 'OBJECT', value: 'M 94' },
		{ key: 'RA', value: 192.72 },
		{ key: 'DEC', value: 41.12 },
		{ key: 'NIMAGES', value: 6 },
		{ key: 'OBSTOTAL', value: 6 },
		{ key: 'EXPTIME', value: 60 },
		{ key: 'OB-START', value: '2025-03-27T01:45:13' },
		{ key: 'OB-END', value: '2025-03-27T01:46:17' },
		{ key: 'TELESCOP', value: 'S50_storm' },
		{ key: 'FILTER', value: 'IRCUT' }
	];
	const planes = (['RED', 'GREEN', 'BLUE'] as const).map((name) => ({
		kind: 'image' as const,
		name,
		bitpix: -32 as const,
		width: image.width,
		height: image.height,
		data: plane,
		cards: []
	}));
	return writeFits([{ kind: 'primary', cards }, ...planes]);
}

/** The `max` values of the storm: 2029…2048 as in the finding, then a spread across the sizes. */
export function stormMaxes(count: number): number[] {
	return Array.from({ length: count }, (_, i) => (i < 20 ? 2029 + i : [16, 300, 600, 1000, 1500, 2000][i % 6]));
}

/** A process's resident memory now and its peak, MB, from /proc. */
export function processMemoryMb(status: string): { rss: number; peak: number } {
	const field = (name: string) => {
		const kb = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
		if (!kb) throw new Error(`no ${name} in the process status`);
		return Number(kb[1]) / 1024;
	};
	return { rss: field('VmRSS'), peak: field('VmHWM') };
}
