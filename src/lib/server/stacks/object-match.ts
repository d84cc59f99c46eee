import { or, sql, type SQL } from 'drizzle-orm';
import { stackedFrames as sf } from '$lib/server/db/schema';
import { objectsNamed } from '$lib/objects';
import { BY_DESIGNATION } from '$lib/objects/catalogue';

/** A stack centred this close to a named object shows it: a Seestar field is 0.7° × 1.3°. */
export const OBJECT_RADIUS_DEG = 0.7;
/** How far a plate-solved centre may lie from the commanded RA/DEC the Dec band is taken on (S30: ~40′). */
const POINTING_SLACK_DEG = 1;
const RAD = Math.PI / 180;

/**
 * Stacks whose object name contains `text`, or, when `text` names catalogued objects (`M94`,
 * `NGC 4736`), whose centre lies within OBJECT_RADIUS_DEG of one: so any designation finds them.
 * The centre is the plate solution's when the stack is solved, else the commanded RA/DEC.
 */
export function objectCondition(text: string): SQL {
	const byName = sql`${sf.objectName} LIKE ${`%${escapeLike(text)}%`}`;
	const near = objectsNamed(BY_DESIGNATION, text).map((o) => nearCondition(o.ra, o.dec));
	return near.length ? or(byName, ...near)! : byName;
}

/** Within the radius on the sphere; a Dec band on the commanded dec_deg first, which its index can serve. */
function nearCondition(ra: number, dec: number): SQL {
	const r = OBJECT_RADIUS_DEG;
	const band = r + POINTING_SLACK_DEG;
	const sinDec = Math.sin(dec * RAD);
	const cosDec = Math.cos(dec * RAD);
	const cRa = sql`COALESCE(${sf.wcsRaDeg}, ${sf.raDeg})`;
	const cDec = sql`COALESCE(${sf.wcsDecDeg}, ${sf.decDeg})`;
	return sql`(${sf.decDeg} BETWEEN ${dec - band} AND ${dec + band} AND SIN(RADIANS(${cDec})) * ${sinDec} + COS(RADIANS(${cDec})) * ${cosDec} * COS(RADIANS(${cRa} - ${ra})) >= ${Math.cos(r * RAD)})`;
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
