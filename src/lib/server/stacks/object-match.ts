import { or, sql, type SQL } from 'drizzle-orm';
import { stackedFrames as sf } from '$lib/server/db/schema';
import { objectsNamed } from '$lib/objects';
import { BY_DESIGNATION } from '$lib/objects/catalogue';

/** A stack centred this close to a named object shows it: a Seestar field is 0.7° × 1.3°. */
export const OBJECT_RADIUS_DEG = 0.7;
const RAD = Math.PI / 180;

/**
 * Stacks whose object name contains `text`, or, when `text` names catalogued objects (`M94`,
 * `NGC 4736`), whose centre lies within OBJECT_RADIUS_DEG of one: so any designation finds them.
 */
export function objectCondition(text: string): SQL {
	const byName = sql`${sf.objectName} LIKE ${`%${escapeLike(text)}%`}`;
	const near = objectsNamed(BY_DESIGNATION, text).map((o) => nearCondition(o.ra, o.dec));
	return near.length ? or(byName, ...near)! : byName;
}

/** Within the radius on the sphere; the Dec band first, which the index on dec_deg can serve. */
function nearCondition(ra: number, dec: number): SQL {
	const r = OBJECT_RADIUS_DEG;
	const sinDec = Math.sin(dec * RAD);
	const cosDec = Math.cos(dec * RAD);
	return sql`(${sf.decDeg} BETWEEN ${dec - r} AND ${dec + r} AND SIN(RADIANS(${sf.decDeg})) * ${sinDec} + COS(RADIANS(${sf.decDeg})) * ${cosDec} * COS(RADIANS(${sf.raDeg} - ${ra})) >= ${Math.cos(r * RAD)})`;
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
