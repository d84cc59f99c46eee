#!/usr/bin/env node
/**
 * `npm run catalog [index file] [out dir] [Stellarium stars dir]`: builds the star catalogue CrowdSky
 * ships, HEALPix tiles under static/catalog/, from astrometry.net index 4108 (Debian's
 * astrometry-data-tycho2-08-littleendian) with B−V from Stellarium's star files (Debian's
 * stellarium-data). Run it only to change the catalogue; the tiles are
 * committed and a test checks that they equal a fresh build. The code is in src/lib/catalog.
 */
import { register } from 'tsx/esm/api';

register();
const { writeCatalog, DEFAULT_INDEX_FILE } = await import('../src/lib/catalog/write.ts');
const [file = DEFAULT_INDEX_FILE, out = new URL('../static/catalog/', import.meta.url).pathname, stellarium] = process.argv.slice(2);
const { stars, coloured, tiles, bytes } = await writeCatalog(file, out, stellarium);
console.log(`${stars} stars (${coloured} with B−V) in ${tiles} tiles, ${(bytes / 1e6).toFixed(2)} MB, written to ${out}`);
