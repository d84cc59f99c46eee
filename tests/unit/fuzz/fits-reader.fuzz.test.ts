/**
 * Mutation fuzzing of the FITS reader and the upload's header checks over the 12 real Seestar
 * frames. Every case must end in a valid result or a FitsError (for readFrameHeader and
 * frameInfoFromHeader: their `reason`) with a message; never another exception, never a hang,
 * never an allocation the size a lying header claims. FUZZ_CASES and FUZZ_SEED run more or others.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameInfoFromHeader, readFrameHeader } from '$lib/chunks';
import { FitsError, parseHeader, readHdus, readImageLayout, readRawImage, type RawImage } from '$lib/fits';
import { mutate, rng, type Mutated } from '../../fuzz/mutate';

const SEESTAR = fileURLToPath(new URL('../../../../shared/data/seestar/', import.meta.url));
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20250327);
/** Detection of a hang or a quadratic blow-up: far above the slowest case (about 1 s, a 500-block header read five times). */
const CASE_LIMIT_MS = 5000;
/**
 * ArrayBuffer memory one case may add over its input: the readers copy at most a few blocks and
 * readFrameHeader's Blob (one copy of the file); the lies claim up to gigabytes.
 */
const CASE_MEMORY_SLACK = 64 * 1024 * 1024;
/** Garbage from earlier cases is collected once it passes this, so growth measures one case. */
const COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const arrayBufferBytes = () => process.memoryUsage().arrayBuffers;
/** What the upload keeps of a file's start before it has the rest (a few header blocks). */
const HEAD_BYTES = 4 * 2880;

interface Real {
	name: string;
	bytes: Uint8Array;
	image: RawImage;
}

let frames: Real[];
beforeAll(async () => {
	frames = [];
	for (const folder of ['M94_set2_20250327', 'NGC7023']) {
		for (const name of (await readdir(join(SEESTAR, folder))).filter((n) => n.endsWith('.fit')).sort()) {
			const bytes = new Uint8Array(await readFile(join(SEESTAR, folder, name)));
			frames.push({ name, bytes, image: readRawImage(bytes) });
		}
	}
});

type Outcome<T> = { ok: true; value: T } | { ok: false; error: FitsError };

/** Runs one reader: its result, or the FitsError it threw; any other exception fails the case. */
function attempt<T>(what: string, describeCase: string, fn: () => T): Outcome<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		if (!(error instanceof FitsError)) {
			throw new Error(`${what} threw ${String(error)} (not a FitsError) on ${describeCase}`, { cause: error });
		}
		if (error.message.trim() === '') throw new Error(`${what} threw a FitsError with no message on ${describeCase}`);
		return { ok: false, error };
	}
}

/** Every reader over one mutated file; returns what readRawImage said, for the oracles. */
async function readAll(mutated: Mutated, name: string, describeCase: string): Promise<Outcome<RawImage>> {
	const { bytes } = mutated;
	const hdus = attempt('readHdus', describeCase, () => readHdus(bytes));
	if (hdus.ok) {
		for (const hdu of hdus.value) {
			expect(hdu.dataOffset + hdu.dataLength, describeCase).toBeLessThanOrEqual(bytes.length);
		}
	}
	const raw = attempt('readRawImage', describeCase, () => readRawImage(bytes, name));
	if (raw.ok) {
		const { data, width, height, bitpix, rowBytes, dataOffset } = raw.value;
		expect(data.length, describeCase).toBe(width * height * (Math.abs(bitpix) / 8));
		expect(rowBytes * height, describeCase).toBe(data.length);
		expect(dataOffset + data.length, describeCase).toBeLessThanOrEqual(bytes.length);
		expect(data.buffer, `${describeCase}: pixels must be a view, not a copy`).toBe(bytes.buffer);
	} else {
		expect(raw.error.message, `${describeCase}: the file name leads the message`).toContain(name);
	}
	const layout = attempt('readImageLayout', describeCase, () => readImageLayout(bytes, bytes.length));
	expect(layout.ok, `${describeCase}: readImageLayout and readRawImage disagree`).toBe(raw.ok);
	// The upload's view: only the start of the file in hand, its full size known.
	attempt('readImageLayout(head)', describeCase, () => readImageLayout(bytes.subarray(0, HEAD_BYTES), bytes.length));

	const primary = attempt('parseHeader', describeCase, () => parseHeader(bytes));
	if (primary.ok) checkFrameInfo(frameInfoFromHeader(primary.value.header, name, bytes.length), describeCase);
	const read = await readFrameHeader(new Blob([bytes as Uint8Array<ArrayBuffer>]));
	if ('reason' in read) expect(read.reason.trim(), describeCase).not.toBe('');
	else checkFrameInfo(frameInfoFromHeader(read.header, name, bytes.length), describeCase);
	return raw;
}

function checkFrameInfo(check: ReturnType<typeof frameInfoFromHeader>, describeCase: string): void {
	if (!check.ok) {
		expect(check.reason.trim(), describeCase).not.toBe('');
		return;
	}
	const { dateObs, exptime, ra, dec } = check.frame;
	expect(Number.isFinite(dateObs) && exptime > 0, describeCase).toBe(true);
	expect(ra >= 0 && ra < 360 && dec >= -90 && dec <= 90, `${describeCase}: pointing ${ra}, ${dec}`).toBe(true);
}

describe(`FITS reader fuzz: ${CASES} seeded mutations of the real frames (seed ${SEED})`, () => {
	it('every case ends in a result or a FitsError with a message, in bounded time and memory', async () => {
		const r = rng(SEED);
		const baseline = arrayBufferBytes();
		const refusedBy = new Map<string, number>();
		let accepted = 0;
		let slowest = 0;
		let peakGrowth = 0;
		for (let n = 0; n < CASES; n++) {
			const frame = r.pick(frames);
			const mutated = mutate(frame.bytes, r);
			const describeCase = `case ${n} (seed ${SEED}) of ${frame.name}: ${mutated.mutations.map((m) => m.name).join(' + ')}`;
			if (arrayBufferBytes() - baseline > COLLECT_ABOVE_BYTES) collectGarbage();
			const before = arrayBufferBytes();
			const started = performance.now();
			const raw = await readAll(mutated, frame.name, describeCase);
			const elapsed = performance.now() - started;
			const growth = arrayBufferBytes() - before;
			slowest = Math.max(slowest, elapsed);
			expect(elapsed, `${describeCase} took ${elapsed.toFixed(0)} ms`).toBeLessThan(CASE_LIMIT_MS);
			peakGrowth = Math.max(peakGrowth, growth);
			const allowed = mutated.bytes.length + CASE_MEMORY_SLACK;
			expect(growth, `${describeCase}: reading it added ${growth} bytes of ArrayBuffers`).toBeLessThan(allowed);

			// Oracles that do not come from the reader: what a single mutation must lead to.
			const [only] = mutated.mutations;
			if (mutated.mutations.length === 1 && only.dataOnly) {
				expect(raw.ok, `${describeCase}: flipped pixels are still a valid image`).toBe(true);
				if (raw.ok) expect({ ...raw.value, data: null, header: null }).toEqual({ ...frame.image, data: null, header: null });
			}
			if (mutated.mutations.length === 1 && only.cutInHeader) {
				expect(raw.ok ? 'accepted' : raw.error.code, describeCase).toMatch(/^(EMPTY|HEADER_TRUNCATED|NOT_FITS)$/);
			}
			if (mutated.mutations.length === 1 && only.cutInData) {
				expect(raw.ok ? 'accepted' : raw.error.code, describeCase).toBe('TRUNCATED');
			}
			if (raw.ok) accepted++;
			else refusedBy.set(raw.error.code, (refusedBy.get(raw.error.code) ?? 0) + 1);
		}
		console.log(
			`FITS fuzz: ${CASES} cases, ${accepted} accepted, refused by code ${JSON.stringify(Object.fromEntries(refusedBy))}; ` +
				`slowest case ${slowest.toFixed(0)} ms, peak ArrayBuffer growth in one case ${(peakGrowth / 1048576).toFixed(0)} MB`
		);
		// The mutations reach the reader's refusals, not only its happy path.
		for (const code of ['HEADER_TRUNCATED', 'TRUNCATED', 'BAD_CARD', 'BAD_NAXIS', 'BAD_BITPIX', 'HEADER_TOO_LARGE']) {
			if (CASES >= 1000) expect(refusedBy.get(code) ?? 0, `no case was refused with ${code}`).toBeGreaterThan(0);
		}
		expect(accepted).toBeGreaterThan(0);
	}, 60_000 + CASES * 200);
});
