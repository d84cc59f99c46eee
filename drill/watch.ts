// Watches the run from outside, as an auditor would: every POLL_MS it lists the raw store, then the
// stack store (both on the WebDAV server's disk, so the watch goes on while the server is away),
// then asks the database which jobs are finished. A probe calls the API every PROBE_MS. What it
// records: when each raw disappeared and whether its job's stack was already stored at that moment,
// when each job was first seen finished, and when the API answered.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db';
import { stackingJobs } from '../src/lib/server/db/schema';

const POLL_MS = 300;
const PROBE_MS = 250;

export interface RawSighting {
	firstSeen: number;
	/** Epoch ms of the first listing that no longer held it. */
	goneAt?: number;
	/** Jobs whose stack FITS was in the stack store when the raw was found gone (listed after the raws). */
	stacksThen?: Set<number>;
}

export interface Watch {
	raws: Map<string, RawSighting>;
	/** Epoch ms each job was first seen `completed` or `failed`. */
	finished: Map<number, { at: number; status: string }>;
	/** Epoch ms of each API probe answered 200. */
	apiOk: number[];
	stop(): Promise<void>;
}

export function startWatch({ db, rawDir, stackDir, probeUrl, cookie }: { db: Db; rawDir: string; stackDir: string; probeUrl: string; cookie: string }): Watch {
	const watch: Watch = { raws: new Map(), finished: new Map(), apiOk: [], stop: async () => {} };
	let running = true;

	const poll = async () => {
		const now = Date.now();
		const present = new Set(await filesUnder(rawDir));
		const stacks = new Set((await filesUnder(stackDir)).filter((p) => p.endsWith('.fits')).map(jobOfStackPath).filter((id): id is number => id !== undefined));
		for (const path of present) if (!watch.raws.has(path)) watch.raws.set(path, { firstSeen: now });
		for (const [path, seen] of watch.raws) {
			if (seen.goneAt === undefined && !present.has(path)) Object.assign(seen, { goneAt: now, stacksThen: stacks });
		}
		try {
			const rows = await db
				.select({ id: stackingJobs.id, status: stackingJobs.status })
				.from(stackingJobs)
				.where(inArray(stackingJobs.status, ['completed', 'failed']));
			for (const row of rows) if (!watch.finished.has(row.id)) watch.finished.set(row.id, { at: Date.now(), status: row.status });
		} catch {
			// the database is away (a fault): the next poll sees what finished meanwhile
		}
	};
	const probe = async () => {
		try {
			const res = await fetch(probeUrl, { headers: { cookie }, signal: AbortSignal.timeout(5000) });
			await res.arrayBuffer();
			if (res.status === 200) watch.apiOk.push(Date.now());
		} catch {
			// the server is away (a fault)
		}
	};
	const loop = async (fn: () => Promise<void>, ms: number) => {
		while (running) {
			await fn();
			await new Promise((resolve) => setTimeout(resolve, ms));
		}
	};
	const loops = [loop(poll, POLL_MS), loop(probe, PROBE_MS)];
	watch.stop = async () => {
		running = false;
		await Promise.all(loops);
		await poll();
	};
	return watch;
}

/** Storage paths (relative to `root`) of every file under it; none when it does not exist yet. */
export async function filesUnder(root: string): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(root, { recursive: true, withFileTypes: true });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The job id in an accepted stack's path `user_<u>/job_<j>/<key>.fits` (not a candidate's). */
export function jobOfStackPath(path: string): number | undefined {
	const id = /^user_\d+\/job_(\d+)\//.exec(path)?.[1];
	return id === undefined ? undefined : Number(id);
}
