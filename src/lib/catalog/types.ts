/** One catalogue star as the tiles hold it: J2000 position in degrees, Tycho VT magnitude. */
export interface CatalogStar {
	ra: number;
	dec: number;
	/** Tycho-2 VT magnitude, to the millimag the tiles keep. */
	vt: number;
	/**
	 * The star's row in astrometry.net index 4108 (`kdtree_data_stars`). The index files carry no
	 * Tycho identifier, so the row is the star's name: the same number the index's quads use.
	 */
	row: number;
}
