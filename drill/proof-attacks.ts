// The proof's lines about the untrusted crowd (issue 11): no forged stack accepted or stored, no
// crowd verdict from volunteers that are not independent, no job failed on the griefer's word
// alone, no raw of a free/pro owner deleted without a verified stack; and the attack's figures.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../src/lib/util/error-message';
import { sha256Hex } from '../src/lib/util/sha256';
import type { Db } from '../src/lib/server/db';
import { jobResults, rawFiles, stackedFrames, stackingJobs, users, volunteerNetworks } from '../src/lib/server/db/schema';
import { hasPaintedBlock } from './attackers/forge';
import { GRIEF_MESSAGE } from './attackers/griefer';
import type { ForgedPost } from './attackers/sybil';

export interface AttackFacts {
	sybilIds: number[];
	pairs: string[];
	posts: ForgedPost[];
	/** The griefer's fails by the server's answer. */
	griefFails: Map<string, number>;
	griefLimited: number;
}

export interface AttackFigures {
	/** `posted`: forged stacks sent (an attacker's job; a post sent again after a 503 is one). */
	forged: { posted: number; refused: number; accepted: number; otherAnswers: Map<string, number> };
	/** `counted`: jobs whose last counted fail is the griefer's (its error message is the job's). */
	grief: { fails: number; answers: Map<string, number>; limited: number; counted: number; jobsFailedForGood: number };
	/** `workerCpuS`: CPU seconds the workers reported for every result (trusted too), to set the server's beside. */
	spotChecks: { results: number; checked: number; passed: number; failed: number; bands: number; workerCpuS: number };
}

export async function proveAttacks(db: Db, stackDir: string, facts: AttackFacts): Promise<{ violations: string[]; figures: AttackFigures }> {
	const violations: string[] = [];
	const forgedHashes = new Set(facts.posts.map((p) => p.sha256));
	const stacks = await db.select().from(stackedFrames);
	const results = await db.select().from(jobResults);
	const jobs = await db.select().from(stackingJobs);

	// The attacks were made: a proof over an attack that never happened proves nothing.
	for (const pair of facts.pairs) if (!facts.posts.some((p) => p.pair === pair)) violations.push(`the Sybil pair on ${pair} posted no forged stack: the attack was not exercised`);
	if ([...facts.griefFails.values()].reduce((a, b) => a + b, 0) === 0) violations.push('the griefer failed no job: the attack was not exercised');

	// No forged stack accepted, none stored, no stored stack with the painted block.
	for (const r of results) {
		if (r.accepted && forgedHashes.has(r.stackSha256)) violations.push(`job ${r.stackingJobId}: a forged stack (result ${r.id}, user ${r.userId}) was accepted`);
		if (r.accepted && facts.sybilIds.includes(r.userId)) violations.push(`job ${r.stackingJobId}: a Sybil account's result ${r.id} was accepted`);
	}
	for (const s of stacks) {
		const fits = await readFile(join(stackDir, s.storagePath)).catch(() => null);
		if (!fits) continue; // the main proof reports a missing file
		const bytes = new Uint8Array(fits.buffer, fits.byteOffset, fits.byteLength);
		if (forgedHashes.has(await sha256Hex(bytes))) violations.push(`stack ${s.id} (job ${s.stackingJobId}) is a forged stack, byte for byte`);
		const painted = paintedBlock(bytes);
		if (painted !== false) violations.push(`stack ${s.id} (job ${s.stackingJobId}) ${painted === true ? "carries the attackers' painted block" : `has planes the proof cannot read: ${painted}`}`);
	}

	// A crowd verdict needs two accepted results from independent volunteers.
	const networks = await db.select({ userId: volunteerNetworks.userId, network: volunteerNetworks.network }).from(volunteerNetworks);
	const seenOn = (userId: number) => new Set(networks.filter((n) => n.userId === userId).map((n) => n.network));
	const independent = (a: (typeof results)[number], b: (typeof results)[number]) =>
		a.userId !== b.userId && a.network !== b.network && ![...seenOn(a.userId)].some((n) => seenOn(b.userId).has(n));
	for (const s of stacks.filter((st) => st.verifiedBy === 'crowd')) {
		const accepted = results.filter((r) => r.stackingJobId === s.stackingJobId && r.accepted);
		if (!accepted.some((a, i) => accepted.slice(i + 1).some((b) => independent(a, b)))) {
			violations.push(`stack ${s.id} (job ${s.stackingJobId}) is crowd-verified without two independent volunteers (users ${accepted.map((r) => `${r.userId}@${r.network}`).join(', ')})`);
		}
	}

	// The spot check refuses forgeries only: an honest volunteer's result refused (a store that
	// failed a read mid-check, say) would cost them standing for nothing.
	for (const r of results.filter((x) => x.spotCheck === 'failed' && !forgedHashes.has(x.stackSha256))) {
		violations.push(`job ${r.stackingJobId}: the spot check refused an honest result of user ${r.userId} (${r.network})`);
	}

	// No job failed on the griefer's word alone: only the griefer fails with its message (honest
	// volunteers have no reason to fail these jobs), so a failed job that carries it ended on its word.
	const griefed = jobs.filter((j) => j.errorMessage?.includes(GRIEF_MESSAGE));
	const jobsFailedForGood = griefed.filter((j) => j.status === 'failed').length;
	for (const job of griefed.filter((j) => j.status === 'failed')) violations.push(`job ${job.id} ended failed on the griefer's word alone: ${job.errorMessage}`);

	// No raw of a free/pro owner deleted unless its job's stack is verified.
	const owners = new Map((await db.select({ id: users.id, tier: users.tier }).from(users)).map((u) => [u.id, u.tier]));
	const raws = await db.select().from(rawFiles);
	for (const raw of raws) {
		if (owners.get(raw.userId) === 'raw' || !raw.isDeleted) continue;
		const job = jobs.find((j) => j.uploadSessionId === raw.uploadSessionId && j.chunkKey === raw.chunkKey && j.telescope === (raw.telescope ?? ''));
		const stack = job && stacks.find((s) => s.stackingJobId === job.id);
		if (!stack?.verifiedBy) violations.push(`raw ${raw.id} (${raw.filename}) was deleted but job ${job?.id ?? '?'}'s stack is ${stack ? 'unverified' : 'missing'}`);
	}

	const answers = new Map<string, number>();
	for (const p of facts.posts) {
		if (['refused', 'completed'].includes(p.outcome)) continue;
		// An error's gist: its status, not the server's whole message.
		const gist = p.outcome.startsWith('error') ? p.outcome.replace(/^(error \S+ \S+ answered \d+).*$/s, '$1').slice(0, 60) : p.outcome;
		answers.set(gist, (answers.get(gist) ?? 0) + 1);
	}
	const checked = results.filter((r) => r.spotCheck !== null);
	return {
		violations,
		figures: {
			forged: {
				posted: new Set(facts.posts.map((p) => `${p.attacker} ${p.jobId}`)).size,
				refused: facts.posts.filter((p) => p.outcome === 'refused').length,
				accepted: results.filter((r) => r.accepted && forgedHashes.has(r.stackSha256)).length,
				otherAnswers: answers
			},
			grief: {
				fails: [...facts.griefFails.values()].reduce((a, b) => a + b, 0),
				answers: facts.griefFails,
				limited: facts.griefLimited,
				counted: griefed.length,
				jobsFailedForGood
			},
			spotChecks: {
				results: results.filter((r) => !r.trusted).length,
				checked: checked.length,
				passed: checked.filter((r) => r.spotCheck === 'passed').length,
				failed: checked.filter((r) => r.spotCheck === 'failed').length,
				bands: checked.reduce((n, r) => n + r.checkedBands, 0),
				workerCpuS: results.reduce((n, r) => n + r.cpuMs, 0) / 1000
			}
		}
	};
}

/** Whether the block is there; a stack whose planes cannot be read gives the reason instead. */
function paintedBlock(fits: Uint8Array): boolean | string {
	try {
		return hasPaintedBlock(fits);
	} catch (error) {
		return errorMessage(error);
	}
}
