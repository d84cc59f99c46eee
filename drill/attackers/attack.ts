// The untrusted crowd's bad half: a Sybil pair on one /24, a Sybil pair on two /24s with no
// shared history, and a griefer — each account registered from and working from its own address.
import type { Db } from '../../src/lib/server/db';
import { newAccount } from '../volunteers';
import { startGriefer, type Griefer } from './griefer';
import { startSybilPair, type Colluder, type ForgedPost, type SybilPair } from './sybil';

/** Where each attacker connects from (any 127/8 address is local on Linux). */
export const ATTACKER_ADDRESSES = {
	sameNetwork: ['127.0.31.1', '127.0.31.2'],
	twoNetworks: ['127.0.41.1', '127.0.42.1'],
	griefer: '127.0.51.1'
} as const;

export interface Attack {
	/** Every Sybil account (their results must never be accepted). */
	sybilIds: number[];
	pairs: string[];
	posts(): ForgedPost[];
	griefer: Griefer;
	stop(): Promise<void>;
}

export async function startAttack(parts: { baseUrl: string; db: Db; databaseUrl: string }, { sybilRounds }: { sybilRounds: number }): Promise<Attack> {
	const account = (prefix: string, localAddress: string) => newAccount(parts, { prefix, localAddress, tokens: 1 });
	const pairs: [string, readonly [string, string]][] = [
		['one /24', ATTACKER_ADDRESSES.sameNetwork],
		['two /24s', ATTACKER_ADDRESSES.twoNetworks]
	];
	const sybils: SybilPair[] = [];
	const sybilIds: number[] = [];
	for (const [i, [pair, addresses]] of pairs.entries()) {
		// One after another: making a token swaps the process-wide database (volunteers.ts).
		const members = [await account(`drill_sybil${i}0`, addresses[0]), await account(`drill_sybil${i}1`, addresses[1])];
		sybilIds.push(...members.map((m) => m.userId));
		const colluders = members.map((m) => ({ name: m.username, token: m.tokens[0], localAddress: m.localAddress! })) as [Colluder, Colluder];
		sybils.push(startSybilPair({ baseUrl: parts.baseUrl, pair, members: colluders, rounds: sybilRounds }));
	}
	const grief = await account('drill_griefer', ATTACKER_ADDRESSES.griefer);
	const griefer = startGriefer({ baseUrl: parts.baseUrl, token: grief.tokens[0], localAddress: ATTACKER_ADDRESSES.griefer });
	return {
		sybilIds,
		pairs: pairs.map(([p]) => p),
		posts: () => sybils.flatMap((s) => s.posts()),
		griefer,
		async stop() {
			await Promise.all([...sybils.map((s) => s.stop()), griefer.stop()]);
		}
	};
}
