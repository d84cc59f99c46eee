/** One catalogue star as the tiles hold it: J2000 position in degrees, Tycho VT magnitude, B−V. */
export interface CatalogStar {
	ra: number;
	dec: number;
	/** Tycho-2 VT magnitude, to the millimag the tiles keep. */
	vt: number;
	/**
	 * Johnson B−V from Stellarium's star files (colour-match.ts), to their 4/127 mag step; null for
	 * a star they do not hold (fainter than V 10.5, or no match).
	 */
	bv: number | null;
	/**
	 * The star's row in astrometry.net index 4108 (`kdtree_data_stars`). The index files carry no
	 * Tycho identifier, so the row is the star's name: the same number the index's quads use.
	 */
	row: number;
}
