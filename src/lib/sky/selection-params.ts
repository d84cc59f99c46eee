/**
 * The map's and the timeline's selections in the URL (`sky=raMin,raMax,decMin,decMax`,
 * `time=fromMs,toMs`), so a selected view can be linked. Bad values are ignored, not fatal: a
 * hand-edited link still opens the page.
 */
import type { SkyRange } from './selection';
import type { TimeRange } from './time-scale';

function numbers(value: string | null, count: number): number[] | null {
	if (!value) return null;
	const parts = value.split(',').map(Number);
	return parts.length === count && parts.every(Number.isFinite) ? parts : null;
}

export function parseSkyParam(value: string | null): SkyRange | null {
	const n = numbers(value, 4);
	if (!n) return null;
	const [raMin, raMax, decMin, decMax] = n;
	const ok = raMin >= 0 && raMin <= 360 && raMax >= 0 && raMax <= 360 && decMin >= -90 && decMax <= 90 && decMin <= decMax;
	return ok ? { raMin, raMax, decMin, decMax } : null;
}

export function parseTimeParam(value: string | null): TimeRange | null {
	const n = numbers(value, 2);
	return n && n[0] <= n[1] ? { from: n[0], to: n[1] } : null;
}

export function formatSkyParam(r: SkyRange): string {
	return [r.raMin, r.raMax, r.decMin, r.decMax].map((v) => Number(v.toFixed(3))).join(',');
}

export function formatTimeParam(r: TimeRange): string {
	return `${Math.round(r.from)},${Math.round(r.to)}`;
}
