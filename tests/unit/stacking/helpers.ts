import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FitsHeader } from '../../../src/lib/fits/header';
import { readHdus } from '../../../src/lib/fits/read';
import { fileSource } from '../../../src/lib/runner/file-source';
import type { FrameSource } from '../../../src/lib/stacking/types';

/** The repository root, and the shared real frames beside it. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SEESTAR = join(ROOT, '../shared/data/seestar');
export const M94 = join(SEESTAR, 'M94_set2_20250327');
export const NGC7023 = join(SEESTAR, 'NGC7023');

/** The .fit files of a folder as sources, sorted by name. */
export async function folderSources(dir: string): Promise<FrameSource[]> {
	const files = readdirSync(dir).filter((f) => f.endsWith('.fit')).sort();
	return Promise.all(files.map((f) => fileSource(join(dir, f))));
}

/** fitsverify's error and warning counts for a file. */
export function fitsverify(path: string): { errors: number; warnings: number; text: string } {
	const run = spawnSync('/usr/bin/fitsverify', [path], { encoding: 'utf8' });
	const m = /found (\d+) warning\(s\) and (\d+) error\(s\)/.exec(run.stdout);
	if (!m) throw new Error(`fitsverify gave no summary: ${run.stdout}${run.stderr}`);
	return { warnings: Number(m[1]), errors: Number(m[2]), text: run.stdout };
}

/** What astropy reads from the file: HDU names, shapes and a few primary header values. */
export function astropyView(path: string): { hdus: [string, number[]][]; header: Record<string, unknown>; starCols: string[] } {
	const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
	const script = `
import json, sys
from astropy.io import fits
with fits.open(sys.argv[1]) as h:
    h.verify('exception')
    hdus = [[x.name, list(x.data.shape) if x.data is not None else []] for x in h]
    header = {k: h[0].header[k] for k in ('NIMAGES', 'EXPTIME', 'OB-START', 'OB-END', 'TELESCOP', 'PIXSCALE')}
    print(json.dumps({'hdus': hdus, 'header': header, 'starCols': list(h['STAR-TAB'].columns.names)}))
`;
	return JSON.parse(execFileSync(python, ['-c', script, path], { encoding: 'utf8' }));
}

/** The HDUs of a stack by EXTNAME (PRIMARY for the first). */
export function hdusByName(fits: Uint8Array): Map<string, { header: FitsHeader; dataOffset: number; dataLength: number }> {
	return new Map(readHdus(fits).map((h) => [h.index === 0 ? 'PRIMARY' : (h.header.string('EXTNAME') ?? `#${h.index}`), h]));
}

/** Big-endian float32 image data of an HDU. */
export function floatPlane(fits: Uint8Array, hdu: { dataOffset: number; dataLength: number }): Float32Array {
	const view = new DataView(fits.buffer, fits.byteOffset + hdu.dataOffset, hdu.dataLength);
	return Float32Array.from({ length: hdu.dataLength / 4 }, (_, i) => view.getFloat32(i * 4, false));
}
