// The end-of-run proof, from the database and the stores' disk alone (plus what the drill's own
// client and watch recorded): each claim of issue 7 is a check that lists every violation it finds.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db';
import { rawFiles, stackedFrames, stackingJobs, users } from '../src/lib/server/db/schema';
import { picturePath } from '../src/lib/server/storage/layout';
import type { NightFrame } from './night';
import { proveAttacks, type AttackFacts, type AttackFigures } from './proof-attacks';
import type { UploadOutcome } from './upload-client';
import { filesUnder, type Watch } from './watch';

export interface ObserverRun {
	userId: number;
	night: NightFrame[];
	upload: UploadOutcome;
}

export interface Proof {
	violations: string[];
	/** Facts worth reading that break no claim (raws kept because their deletion failed, …). */
	notes: string[];
	frames: { uploaded: number; aligned: number; rejectedByStacker: number; inFailedJobs: number; refusedAtUpload: number };
	jobs: { completed: number; failed: number };
	/** When the untrusted crowd attacked: what it posted and what came of it. */
	attack?: AttackFigures;
}

interface ReportFrame {
	file: string;
	status: string;
	reason?: string;
}

/** storage_used_mb adds each stack's size rounded to 0.01 MB: allow half of that per stack, and the column's own 0.01. */
const ROUNDING_MB_PER_STACK = 0.005;

export async function proveRun({
	db,
	observers,
	rawDir,
	stackDir,
	watch,
	attack
}: {
	db: Db;
	observers: ObserverRun[];
	rawDir: string;
	stackDir: string;
	watch: Watch;
	attack?: AttackFacts;
}): Promise<Proof> {
	const violations: string[] = [];
	const notes: string[] = [];
	const userIds = observers.map((o) => o.userId);
	const raws = await db.select().from(rawFiles).where(inArray(rawFiles.userId, userIds));
	const jobs = await db.select().from(stackingJobs);
	const stacks = await db.select().from(stackedFrames);
	const owners = await db.select({ id: users.id, mb: users.storageUsedMb }).from(users).where(inArray(users.id, userIds));
	const frames = { uploaded: 0, aligned: 0, rejectedByStacker: 0, inFailedJobs: 0, refusedAtUpload: 0 };

	// Every job ended, a failed one with its error.
	for (const job of jobs) {
		if (job.status !== 'completed' && job.status !== 'failed') violations.push(`job ${job.id} ${job.chunkKey} ended ${job.status}, not completed or failed`);
		if (job.status === 'failed' && !job.errorMessage?.trim()) violations.push(`job ${job.id} failed without an error message`);
	}

	// No stack stored twice: one row per completed job, none for others; every object in the stack store belongs to a row.
	const stacksOf = new Map<number | null, typeof stacks>();
	for (const s of stacks) stacksOf.set(s.stackingJobId, [...(stacksOf.get(s.stackingJobId) ?? []), s]);
	for (const job of jobs) {
		const n = stacksOf.get(job.id)?.length ?? 0;
		if (job.status === 'completed' && n !== 1) violations.push(`completed job ${job.id} has ${n} stacked_frames rows, not 1`);
		if (job.status !== 'completed' && n !== 0) violations.push(`job ${job.id} (${job.status}) has ${n} stacked_frames rows`);
	}
	const referenced = new Set(stacks.flatMap((s) => [s.storagePath, s.thumbnailPath, s.reportPath].filter((p): p is string => !!p)));
	// A stack's picture is named by its FITS path (no column): derived, remade on request if missing, not charged.
	const pictures = new Set(stacks.map((s) => picturePath(s.storagePath)));
	const stored = await filesUnder(stackDir);
	for (const path of stored) if (pictures.has(path)) referenced.add(path);
	for (const path of stored) if (!referenced.has(path)) violations.push(`stack store holds ${path}, which no stacked_frames row names (orphan)`);
	for (const s of stacks) {
		for (const path of [s.storagePath, s.thumbnailPath, s.reportPath, picturePath(s.storagePath)]) {
			if (path && !stored.includes(path)) violations.push(`stack ${s.id} (job ${s.stackingJobId}) names ${path}, which the stack store lacks`);
		}
		const size = await stat(join(stackDir, s.storagePath)).then((st) => st.size, () => -1);
		if (size !== -1 && size !== Number(s.fileSizeBytes)) violations.push(`stack ${s.id}: FITS is ${size} bytes, the row says ${s.fileSizeBytes}`);
	}

	// Storage use per user equals what the stack store holds for that user.
	for (const owner of owners) {
		const mine = stored.filter((p) => p.startsWith(`user_${owner.id}/`) && !pictures.has(p));
		let bytes = 0;
		for (const p of mine) bytes += (await stat(join(stackDir, p))).size;
		const held = bytes / 1048576;
		const count = stacks.filter((s) => s.userId === owner.id).length;
		const tolerance = ROUNDING_MB_PER_STACK * count + 0.01;
		if (Math.abs(Number(owner.mb) - held) > tolerance) {
			violations.push(`user ${owner.id}: storage_used_mb ${owner.mb} but the stack store holds ${held.toFixed(3)} MB for them (${mine.length} files, tolerance ${tolerance.toFixed(3)})`);
		}
	}

	// Every uploaded frame is in exactly one stack or reported rejected with its reason.
	const reports = new Map<number | null, ReportFrame[]>();
	for (const s of stacks) {
		const text = s.reportPath ? await readFile(join(stackDir, s.reportPath), 'utf8').catch(() => null) : null;
		const report = text ? (JSON.parse(text) as { frames?: ReportFrame[] } | null) : null;
		if (!report?.frames) violations.push(`stack ${s.id} (job ${s.stackingJobId}) has no readable report with frames`);
		reports.set(s.stackingJobId, report?.frames ?? []);
	}
	const jobOfRaw = (r: (typeof raws)[number]) =>
		jobs.filter((j) => j.uploadSessionId === r.uploadSessionId && j.chunkKey === r.chunkKey && j.telescope === (r.telescope ?? ''));
	for (const observer of observers) {
		const bad = new Map(observer.night.filter((f) => f.bad).map((f) => [f.name, f.bad!]));
		for (const refusal of observer.upload.refused) {
			frames.refusedAtUpload++;
			if (!bad.has(refusal.name)) violations.push(`${refusal.name}, a good frame, was refused at upload: ${refusal.status} ${refusal.reason}`);
			if (!refusal.reason.trim()) violations.push(`${refusal.name} was refused (${refusal.status}) without a reason`);
		}
		for (const name of bad.keys()) {
			if (!observer.upload.refused.some((r) => r.name === name)) violations.push(`${name} (${bad.get(name)}) was not refused at upload`);
		}
		for (const { name, id } of observer.upload.stored) {
			frames.uploaded++;
			const raw = raws.find((r) => r.id === id);
			if (!raw) {
				violations.push(`${name}: stored as raw_files ${id}, but the row is gone`);
				continue;
			}
			const owning = jobOfRaw(raw);
			if (owning.length !== 1) {
				violations.push(`${name} (raw ${id}) belongs to ${owning.length} jobs, not 1`);
				continue;
			}
			const job = owning[0];
			if (job.status === 'failed') {
				frames.inFailedJobs++;
				notes.push(`${name} is in failed job ${job.id}: ${job.errorMessage}`);
				continue;
			}
			const inReports = [...reports].flatMap(([jobId, fs]) => fs.filter((f) => f.file === name).map((f) => ({ jobId, f })));
			if (inReports.length !== 1 || inReports[0].jobId !== job.id) {
				violations.push(`${name} (raw ${id}, job ${job.id}) appears ${inReports.length} times in stored reports (jobs ${inReports.map((r) => r.jobId).join(', ') || 'none'})`);
				continue;
			}
			const { f } = inReports[0];
			if (f.status === 'aligned') frames.aligned++;
			else if (f.status === 'rejected' && f.reason?.trim()) frames.rejectedByStacker++;
			else violations.push(`${name} in job ${job.id}'s report is ${f.status} ${f.reason ? '' : 'without a reason'}`);
		}
	}
	for (const s of stacks) {
		const job = jobs.find((j) => j.id === s.stackingJobId)!;
		const own = raws.filter((r) => jobOfRaw(r)[0]?.id === job.id).length;
		if (s.nFramesInput !== job.frameCount || (own && own !== job.frameCount)) {
			violations.push(`job ${job.id}: frame_count ${job.frameCount}, stack input ${s.nFramesInput}, raw_files rows ${own}`);
		}
	}

	// No raw was deleted before its stack was stored.
	for (const raw of raws) {
		const sighting = watch.raws.get(raw.storagePath);
		const onDisk = await stat(join(rawDir, raw.storagePath)).then(() => true, () => false);
		const job = jobOfRaw(raw)[0];
		const stack = job && stacksOf.get(job.id)?.[0];
		if (raw.isDeleted && onDisk) violations.push(`raw ${raw.id} is marked deleted but still in the raw store`);
		if (!raw.isDeleted && !onDisk) violations.push(`raw ${raw.id} (${raw.filename}) is gone from the raw store but not marked deleted: a lost frame`);
		if (!onDisk) {
			if (!stack) violations.push(`raw ${raw.id} (${raw.filename}) is gone but job ${job?.id ?? '?'} has no stored stack`);
			else if (sighting?.goneAt !== undefined) {
				if (!sighting.stacksThen?.has(job.id)) violations.push(`raw ${raw.id} disappeared (${new Date(sighting.goneAt).toISOString()}) while job ${job.id}'s stack was not yet in the stack store`);
				// created_at is whole seconds (floored): ≤ the disappearance means the row came first.
				if (stack.createdAt.getTime() > sighting.goneAt) violations.push(`raw ${raw.id} disappeared at ${new Date(sighting.goneAt).toISOString()}, before job ${job.id}'s stack row (${stack.createdAt.toISOString()})`);
			} else violations.push(`raw ${raw.id} was never seen by the watch: its deletion time is unknown`);
		} else if (job?.status === 'completed' && !raw.isDeleted) {
			notes.push(`raw ${raw.id} of completed job ${job.id} is still stored (its deletion after the stack failed; kept, not lost)`);
		}
	}

	const attacked = attack && (await proveAttacks(db, stackDir, attack));
	if (attacked) violations.push(...attacked.violations);

	return {
		violations,
		notes,
		frames,
		attack: attacked?.figures,
		jobs: { completed: jobs.filter((j) => j.status === 'completed').length, failed: jobs.filter((j) => j.status === 'failed').length }
	};
}
