import type { Db } from '$lib/server/db';
import { AdminError } from './admin-error';
import { listTokens, setTrusted, type TokenRow } from './tokens';
import { listUsers, setQuota, type UserRow } from './users';

export const ADMIN_USAGE = `usage: npm run admin -- <command>

  tokens                 list active API tokens: prefix, owner, name, trusted, last used
  trust <prefix>         mark a token trusted: its runner's stacks are taken in unchecked
  untrust <prefix>       mark it untrusted again: its stacks are spot-checked and need a second volunteer
  users                  list accounts: id, username, tier, active, storage used / quota, tokens
  quota <user> <MB>      set an account's storage quota (username or id; e.g. 2000 or 1024.5)
`;

export interface AdminIo {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
}

/** Left-aligned columns, two spaces apart, with a header row. */
function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	return [header, ...rows].map((cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never');
const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
const mb = (n: number) => n.toFixed(2);

function tokensTable(rows: TokenRow[]): string {
	if (rows.length === 0) return 'no active API tokens\n';
	return table(
		['prefix', 'owner', 'name', 'trusted', 'last used'],
		rows.map((t) => [t.prefix, t.owner, t.name, yesNo(t.trusted), when(t.lastUsedAt)])
	);
}

function usersTable(rows: UserRow[]): string {
	if (rows.length === 0) return 'no accounts\n';
	return table(
		['id', 'username', 'tier', 'active', 'used MB', 'quota MB', 'tokens'],
		rows.map((u) => [String(u.id), u.username, u.tier, yesNo(u.active), mb(u.usedMb), mb(u.limitMb), String(u.tokens)])
	);
}

/** Exit codes: 0 done, 1 the operator's mistake (unknown or ambiguous prefix, no such user, bad number), 2 bad usage. */
export async function adminCommand(argv: string[], db: Db, io: AdminIo): Promise<number> {
	const [name, ...args] = argv;
	const arity: Record<string, number> = { tokens: 0, trust: 1, untrust: 1, users: 0, quota: 2 };
	if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
		io.stdout.write(ADMIN_USAGE);
		return name === undefined ? 2 : 0;
	}
	if (!(name in arity) || args.length !== arity[name]) {
		io.stderr.write(`${name in arity ? `${name} takes ${arity[name]} argument(s), got ${args.length}` : `unknown command "${name}"`}\n\n${ADMIN_USAGE}`);
		return 2;
	}
	try {
		if (name === 'tokens') io.stdout.write(tokensTable(await listTokens(db)));
		else if (name === 'users') io.stdout.write(usersTable(await listUsers(db)));
		else if (name === 'trust' || name === 'untrust') {
			const token = await setTrusted(db, args[0], name === 'trust');
			io.stdout.write(`${token.prefix} (${token.owner}, "${token.name}") is ${token.trusted ? 'trusted' : 'not trusted'}\n`);
		} else {
			const user = await setQuota(db, args[0], args[1]);
			io.stdout.write(`${user.username} (id ${user.id}): quota ${mb(user.limitMb)} MB, ${mb(user.usedMb)} MB used\n`);
		}
		return 0;
	} catch (error) {
		if (!(error instanceof AdminError)) throw error;
		io.stderr.write(`error: ${error.message}\n`);
		return 1;
	}
}
