import { CADENCES, type Cadence } from './types';

const DAY_MS = 86_400_000;
// Keys have 4-digit years: 0000-01-01 to 9999-12-31 UTC.
const FIRST_MS = -62_167_219_200_000;
const AFTER_LAST_MS = 253_402_300_800_000;
/** Digits of CC: the width tells the cadence (96, 480 or 1440 windows a day). */
const CC_DIGITS: Record<Cadence, number> = { 15: 2, 3: 3, 1: 4 };

function checkCadence(cadence: number): asserts cadence is Cadence {
	if (!CADENCES.includes(cadence as Cadence)) {
		throw new RangeError(`chunk cadence ${cadence} min is not supported; use ${CADENCES.join(', ')} minutes`);
	}
}

function checkTime(ms: number): void {
	if (!Number.isFinite(ms) || ms < FIRST_MS || ms >= AFTER_LAST_MS) {
		throw new RangeError(`time ${ms} ms is not a date in years 0000-9999 UTC`);
	}
}

/** The clock-aligned UTC window: floor(seconds since UTC midnight / (cadence · 60)). */
export function windowIndex(dateObsMs: number, cadence: Cadence): number {
	checkCadence(cadence);
	checkTime(dateObsMs);
	const sinceMidnight = dateObsMs - Math.floor(dateObsMs / DAY_MS) * DAY_MS;
	return Math.floor(sinceMidnight / (cadence * 60_000));
}

/**
 * `YYYYMMDD.CC_RRR.R_sDD.D`: the UTC date and window of `dateObsMs`, RA to 0.1° (000.0-359.9,
 * 359.96 wraps to 000.0) and Dec to 0.1° with its sign, `+` or `-` (`+00.0` when it rounds to 0),
 * e.g. `20250327.23_193.1_+41.0`. Both round half up on the tenths.
 */
export function chunkKey(dateObsMs: number, cadence: Cadence, ra: number, dec: number): string {
	const cc = String(windowIndex(dateObsMs, cadence)).padStart(CC_DIGITS[cadence], '0');
	if (!Number.isFinite(ra) || ra < 0 || ra > 360 || !Number.isFinite(dec) || dec < -90 || dec > 90) {
		throw new RangeError(`pointing (RA ${ra}, Dec ${dec}) is out of range: RA must be in [0, 360], Dec in [-90, 90]`);
	}
	const raTenths = Math.round(ra * 10) % 3600;
	const decTenths = Math.round(Math.abs(dec) * 10);
	const sign = dec < 0 && decTenths > 0 ? '-' : '+';
	return `${utcDay(dateObsMs)}.${cc}_${tenths(raTenths, 3)}_${sign}${tenths(decTenths, 2)}`;
}

/** YYYYMMDD of the UTC day holding `ms`. */
export function utcDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

function tenths(value: number, digits: number): string {
	return `${String(Math.floor(value / 10)).padStart(digits, '0')}.${value % 10}`;
}
