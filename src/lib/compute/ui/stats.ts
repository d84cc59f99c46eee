import type { VolunteerTotals } from '$lib/api/jobs';

/** The volunteer's totals from GET /api/compute/stats (session cookie). */
export async function fetchTotals(fetcher: typeof fetch = fetch): Promise<VolunteerTotals> {
	const response = await fetcher('/api/compute/stats', { headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error(`GET /api/compute/stats answered ${response.status}`);
	const body = (await response.json()) as Partial<VolunteerTotals>;
	const totals = { jobs: body.jobs, frames: body.frames, cpuMs: body.cpuMs };
	for (const [key, value] of Object.entries(totals))
		if (typeof value !== 'number' || !Number.isFinite(value))
			throw new Error(`GET /api/compute/stats: ${key} is ${JSON.stringify(value)}, expected a number`);
	return totals as VolunteerTotals;
}
