export type { CatalogStar } from './types';
export { readIndexStars, type IndexStars } from './index-file';
export { encodeTile, decodeTile, quantiseStar, NO_COLOUR, type CatalogTile } from './tile-format';
export { CATALOG_NSIDE, tileOf, tilesNear, maxPixelRadius } from './tiling';
export { fetchCatalogSource, loadTile, parseCatalogIndex, tilePath, CATALOG_INDEX_FILE, type CatalogIndex, type CatalogSource } from './source';
export { coneSearch, type ConeStar } from './cone';
export { buildCatalog, catalogIndexText, type BuiltCatalog } from './build';
export { readStellariumStars, bvOfIndex, type StellariumStars } from './stellarium/star-file';
export { matchColours } from './colour-match';
