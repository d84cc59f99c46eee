/** One catalogued deep-sky object. */
export interface SkyObject {
	/** Its designations, the first the catalogue's own: `M 94`, `NGC 4736` (canonical, see `names.ts`). */
	ids: string[];
	/** Common names, if any: `Whirlpool Galaxy`. */
	names: string[];
	/** J2000 position in degrees. */
	ra: number;
	dec: number;
	/** Major and minor axis in arcminutes; null where the catalogue gives none. */
	major: number | null;
	minor: number | null;
	type: string;
}
