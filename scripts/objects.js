#!/usr/bin/env node
/**
 * `npm run objects [kscat file] [out file]`: builds src/lib/objects/objects.json, the NGC/IC/Messier
 * catalogue, from OpenNGC as Debian's kstars-data ships it. Run it only to change the catalogue;
 * the file is committed and a test checks that it equals a fresh build. The code is in src/lib/objects.
 */
import { register } from 'tsx/esm/api';

register();
const { writeObjects } = await import('../src/lib/objects/write.ts');
const { DEFAULT_KSCAT } = await import('../src/lib/objects/build.ts');
const [file = DEFAULT_KSCAT, out = new URL('../src/lib/objects/objects.json', import.meta.url).pathname] = process.argv.slice(2);
const { objects, bytes } = writeObjects(file, out);
console.log(`${objects} objects, ${(bytes / 1e6).toFixed(2)} MB, written to ${out}`);
