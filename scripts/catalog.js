#!/usr/bin/env node
/**
 * `npm run catalog [index file] [out dir]`: builds the star catalogue CrowdSky ships, HEALPix tiles
 * under static/catalog/, from astrometry.net index 4108 (Debian's
 * astrometry-data-tycho2-08-littleendian). Run it only to change the catalogue; the tiles are
 * committed and a test checks that they equal a fresh build. The code is in src/lib/catalog.
 */
import { register } from 'tsx/esm/api';

register();
const { writeCatalog, DEFAULT_INDEX_FILE } = await import('../src/lib/catalog/write.ts');
const [file = DEFAULT_INDEX_FILE, out = new URL('../static/catalog/', import.meta.url).pathname] = process.argv.slice(2);
const { stars, tiles, bytes } = await writeCatalog(file, out);
console.log(`${stars} stars in ${tiles} tiles, ${(bytes / 1e6).toFixed(2)} MB, written to ${out}`);
