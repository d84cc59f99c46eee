/**
 * The streaming ZIP (fflate behind zipStream) checked by independent readers: Python's zipfile
 * (`-t` tests every CRC) and Info-ZIP's unzip, on entries of several sizes, split into odd chunks,
 * with UTF-8 names.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ZipEntry, zipStream } from '$lib/server/stacks/zip-stream';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'crowdsky-zip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function entry(name: string, bytes: Uint8Array, chunk = 7919): ZipEntry {
	return { name, modified: new Date(Date.UTC(2025, 2, 27, 5, 45, 2)), open: async () => chunked(bytes, chunk) };
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const part of stream) parts.push(part);
	return Buffer.concat(parts);
}

describe('zipStream', () => {
	const files = new Map<string, Uint8Array>([
		['M 94_a.fits', new Uint8Array(randomBytes(300_001))],
		['empty.txt', new Uint8Array()],
		['Messier_ünïcode_20250327.png', new Uint8Array(randomBytes(12_345))],
		['small.txt', new TextEncoder().encode('hello zip')]
	]);

	it('writes an archive Python zipfile tests clean and extracts byte-identically', async () => {
		const archive = await collect(zipStream([...files].map(([name, bytes]) => entry(name, bytes))));
		const path = join(dir, 'a.zip');
		await writeFile(path, archive);
		const test = execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' });
		expect(test).toMatch(/Done testing/);
		const listing = execFileSync(
			'/usr/bin/python3',
			['-c', 'import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps([[i.filename,i.compress_type,i.file_size,i.date_time] for i in z.infolist()]))', path],
			{ encoding: 'utf8' }
		);
		const infos = JSON.parse(listing) as [string, number, number, number[]][];
		expect(infos.map((i) => i[0])).toEqual([...files.keys()]);
		expect(infos.every((i) => i[1] === 0)).toBe(true);
		expect(infos.map((i) => i[2])).toEqual([...files.values()].map((b) => b.length));
		expect(infos[0][3]).toEqual([2025, 3, 27, 5, 45, 2]);

		const out = join(dir, 'out');
		execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', path, out]);
		for (const [name, bytes] of files) expect(Buffer.compare(await readFile(join(out, name)), Buffer.from(bytes))).toBe(0);
	});

	it('passes unzip -t, which checks the local headers and data descriptors too', async () => {
		const archive = await collect(zipStream([...files].map(([name, bytes]) => entry(name, bytes, 1))));
		const path = join(dir, 'b.zip');
		await writeFile(path, archive);
		expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
	});

	it('an empty archive is the end record alone, and still valid', async () => {
		const archive = await collect(zipStream([]));
		expect(archive.length).toBe(22);
		const path = join(dir, 'c.zip');
		await writeFile(path, archive);
		expect(execFileSync('/usr/bin/python3', ['-c', 'import sys,zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))', path], { encoding: 'utf8' }).trim()).toBe('0');
	});

	it('a corrupted byte is caught by the CRC the writer stored', async () => {
		const archive = await collect(zipStream([entry('x.bin', new Uint8Array(randomBytes(1000)))]));
		archive[30 + 'x.bin'.length + 500] ^= 0xff;
		const path = join(dir, 'd.zip');
		await writeFile(path, archive);
		const test = execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' });
		expect(test).toMatch(/corrupted: 'x\.bin'/);
		expect(() => execFileSync('unzip', ['-t', path], { stdio: 'pipe' })).toThrow();
	});

	it('refuses an empty entry name', async () => {
		await expect(collect(zipStream([entry('', new Uint8Array(1))]))).rejects.toThrow(/entry name "" must be 1 to 65,535 bytes/);
	});
});
