import { describe, expect, it } from 'vitest';
import { groupChunks, healpixRing, POINTING_GROUP_DEG, type Chunk } from '$lib/chunks';
import { frame, shuffled } from './helpers';

const summary = (chunks: Chunk[]) => chunks.map((c) => ({ key: c.key, telescope: c.telescope, names: c.frames.map((f) => f.name) }));

describe('groupChunks', () => {
	it('a re-centring that moves RA by 0.03° across a 0.1° boundary stays in one chunk', () => {
		// 193.04 rounds to 193.0, 193.07 to 193.1: keyed frame by frame they would split.
		const frames = [
			frame('a.fit', '2025-03-27T05:45:00', { ra: 193.04 }),
			frame('b.fit', '2025-03-27T05:45:12', { ra: 193.07 }),
			frame('c.fit', '2025-03-27T05:45:24', { ra: 193.04 })
		];
		const chunks = groupChunks(frames, 15);
		expect(summary(chunks)).toEqual([{ key: '20250327.23_193.0_+41.0', telescope: 'S50_1d3fe189', names: ['a.fit', 'b.fit', 'c.fit'] }]);
	});

	it('the key carries the first frame\'s pointing, whatever the input order', () => {
		const frames = [
			frame('b.fit', '2025-03-27T05:45:12', { ra: 193.07 }),
			frame('a.fit', '2025-03-27T05:45:00', { ra: 193.04 })
		];
		expect(groupChunks(frames, 15)[0].key).toBe('20250327.23_193.0_+41.0');
	});

	it('two targets 2° apart in one window are two chunks', () => {
		const frames = [
			frame('m94-1.fit', '2025-03-27T05:45:00'),
			frame('other-1.fit', '2025-03-27T05:46:00', { dec: 42.979722, object: 'Other' }),
			frame('m94-2.fit', '2025-03-27T05:47:00'),
			frame('other-2.fit', '2025-03-27T05:48:00', { dec: 42.979722, object: 'Other' })
		];
		expect(summary(groupChunks(frames, 15))).toEqual([
			{ key: '20250327.23_193.1_+41.0', telescope: 'S50_1d3fe189', names: ['m94-1.fit', 'm94-2.fit'] },
			{ key: '20250327.23_193.1_+43.0', telescope: 'S50_1d3fe189', names: ['other-1.fit', 'other-2.fit'] }
		]);
	});

	it('pointings just inside and just outside the grouping radius', () => {
		const inside = frame('b.fit', '2025-03-27T05:45:10', { dec: 40.979722 + POINTING_GROUP_DEG * 0.99 });
		const outside = frame('b.fit', '2025-03-27T05:45:10', { dec: 40.979722 + POINTING_GROUP_DEG * 1.01 });
		const first = frame('a.fit', '2025-03-27T05:45:00');
		expect(groupChunks([first, inside], 15)).toHaveLength(1);
		expect(groupChunks([first, outside], 15)).toHaveLength(2);
	});

	it('measures pointings on the sphere: RA 359.98 and 0.02 are neighbours, so are RA 0 and 180 at the pole', () => {
		const wrap = [frame('a.fit', '2025-03-27T05:45:00', { ra: 359.98, dec: 10 }), frame('b.fit', '2025-03-27T05:45:10', { ra: 0.02, dec: 10 })];
		expect(summary(groupChunks(wrap, 15))).toEqual([{ key: '20250327.23_000.0_+10.0', telescope: 'S50_1d3fe189', names: ['a.fit', 'b.fit'] }]);
		const pole = [frame('a.fit', '2025-03-27T05:45:00', { ra: 0, dec: 89.9 }), frame('b.fit', '2025-03-27T05:45:10', { ra: 180, dec: 89.95 })];
		expect(groupChunks(pole, 15)).toHaveLength(1);
		// 1° of RA at Dec 0 is 1° on the sky: two chunks.
		const apart = [frame('a.fit', '2025-03-27T05:45:00', { ra: 10, dec: 0 }), frame('b.fit', '2025-03-27T05:45:10', { ra: 11, dec: 0 })];
		expect(groupChunks(apart, 15)).toHaveLength(2);
	});

	it('two telescopes at the same pointing are two chunks with the same key', () => {
		const frames = [
			frame('s1-a.fit', '2025-03-27T05:45:00', { telescope: 'S50_aaaa' }),
			frame('s2-a.fit', '2025-03-27T05:45:05', { telescope: 'S50_bbbb' }),
			frame('s1-b.fit', '2025-03-27T05:45:20', { telescope: 'S50_aaaa' }),
			frame('none.fit', '2025-03-27T05:45:30', { telescope: null })
		];
		expect(summary(groupChunks(frames, 15))).toEqual([
			{ key: '20250327.23_193.1_+41.0', telescope: 'S50_aaaa', names: ['s1-a.fit', 's1-b.fit'] },
			{ key: '20250327.23_193.1_+41.0', telescope: 'S50_bbbb', names: ['s2-a.fit'] },
			{ key: '20250327.23_193.1_+41.0', telescope: null, names: ['none.fit'] }
		]);
	});

	it('windows split at their boundary: 00:14:59.999 and 00:15:00.000, and at UTC midnight', () => {
		const frames = [
			frame('before.fit', '2025-03-27T00:14:59.999'),
			frame('after.fit', '2025-03-27T00:15:00.000'),
			frame('late.fit', '2025-03-26T23:59:55.000')
		];
		expect(summary(groupChunks(frames, 15)).map(({ key, names }) => [key, names])).toEqual([
			['20250326.95_193.1_+41.0', ['late.fit']],
			['20250327.00_193.1_+41.0', ['before.fit']],
			['20250327.01_193.1_+41.0', ['after.fit']]
		]);
	});

	it('summarises each chunk: start, end of the last exposure, total exposure, HEALPix, most common OBJECT', () => {
		const frames = [
			frame('a.fit', '2025-03-27T05:45:00', { exptime: 10, object: 'M 94' }),
			frame('b.fit', '2025-03-27T05:45:10', { exptime: 20, object: 'M94' }),
			frame('c.fit', '2025-03-27T05:45:20', { exptime: 10, object: 'M94' }),
			frame('d.fit', '2025-03-27T05:45:30', { exptime: 10, object: null })
		];
		const [chunk] = groupChunks(frames, 15);
		expect(chunk).toMatchObject({
			object: 'M94',
			ra: 193.070835,
			dec: 40.979722,
			healpix: healpixRing(128, 193.070835, 40.979722),
			start: Date.parse('2025-03-27T05:45:00Z'),
			end: Date.parse('2025-03-27T05:45:40Z'),
			exposure: 50
		});
		// A long exposure that ends after a later frame's end sets the end.
		const long = groupChunks([frame('a.fit', '2025-03-27T05:45:00', { exptime: 60 }), frame('b.fit', '2025-03-27T05:45:10')], 15);
		expect(long[0].end).toBe(Date.parse('2025-03-27T05:46:00Z'));
		// Ties go to the OBJECT seen first; no OBJECT at all gives null.
		expect(groupChunks([frame('a', '2025-03-27T05:45:00', { object: 'B' }), frame('b', '2025-03-27T05:45:10', { object: 'A' })], 15)[0].object).toBe('B');
		expect(groupChunks([frame('a', '2025-03-27T05:45:00', { object: null })], 15)[0].object).toBeNull();
	});

	it('is independent of input order and does not change its input', () => {
		const frames = [];
		for (let i = 0; i < 60; i++) {
			const second = String(i % 60).padStart(2, '0');
			const minute = String(40 + Math.floor(i / 6)).padStart(2, '0');
			frames.push(
				frame(`m94-${i}.fit`, `2025-03-27T05:${minute}:${second}`, { ra: 193.07 + ((i % 3) - 1) * 0.03, telescope: i % 4 ? 'S50_a' : 'S50_b' }),
				frame(`n-${i}.fit`, `2025-03-27T05:${minute}:${second}`, { ra: 315.5, dec: 68.2, object: 'NGC 7023' })
			);
		}
		// Same instant, different names: the name decides.
		frames.push(frame('z.fit', '2025-03-27T05:44:00'), frame('y.fit', '2025-03-27T05:44:00'));
		const reference = groupChunks(frames, 3);
		const before = frames.map((f) => f.name);
		for (let seed = 1; seed <= 20; seed++) expect(groupChunks(shuffled(frames, seed), 3)).toEqual(reference);
		expect(frames.map((f) => f.name)).toEqual(before);
		expect(reference.flatMap((c) => c.frames)).toHaveLength(frames.length);
		expect(reference.find((c) => c.frames.some((f) => f.name === 'z.fit'))!.frames.map((f) => f.name).slice(0, 2)).toEqual(['y.fit', 'z.fit']);
	});

	it('never gives two chunks of one telescope the same key', () => {
		// Pointings on a 0.07° grid, frames every 2 s: many groups per window, some of them key neighbours.
		const frames = [];
		for (let i = 0; i < 400; i++) {
			frames.push(frame(`f${i}.fit`, new Date(Date.parse('2025-03-27T05:40:00Z') + i * 2000).toISOString().slice(0, 23), {
				ra: 193 + ((i * 7) % 13) * 0.07,
				dec: 41 + ((i * 5) % 11) * 0.07
			}));
		}
		for (const cadence of [15, 3, 1] as const) {
			const chunks = groupChunks(frames, cadence);
			// 800 s of frames: 1, 5 or 14 windows, each with several pointing groups.
			expect(chunks.length).toBeGreaterThan(4 * new Set(chunks.map((c) => c.key.split('_')[0])).size);
			const keys = chunks.map((c) => `${c.key} ${c.telescope}`);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});

	it('an empty list gives no chunks', () => {
		expect(groupChunks([], 15)).toEqual([]);
	});
});
