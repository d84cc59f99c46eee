/** Registering and logging in: the checks, the messages, and the rows they touch. */
import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { networkPrefix, recordNetwork } from '$lib/server/trust';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { countAttempt, forgiveLoginAttempt, loginThrottleKeys, registrationThrottleKey } from './throttle';
import { checkEmail, checkPassword, checkUsername } from './validation';
import { sessionUserColumns, toSessionUser } from './user-row';
import type { SessionUser } from './types';

export const INVALID_LOGIN_MESSAGE = 'Invalid username or password.';
export const INACTIVE_ACCOUNT_MESSAGE =
	'This account has been deactivated. Ask the operator of this CrowdSky server to re-enable it.';

export interface Registration {
	username: string;
	email: string;
	password: string;
	passwordRepeat: string;
}

export type RegistrationField = keyof Registration;

export type AccountResult =
	| { ok: true; user: SessionUser }
	| { ok: false; message: string; field?: RegistrationField };

/** The first problem with a registration form, naming the field, or null. Touches no database. */
export function registrationProblem(
	input: Registration
): { field: RegistrationField; message: string } | null {
	const checks: [RegistrationField, string | null][] = [
		['username', checkUsername(input.username)],
		['email', checkEmail(input.email)],
		['password', checkPassword(input.password)],
		['passwordRepeat', input.password === input.passwordRepeat ? null : 'The two passwords differ.']
	];
	for (const [field, message] of checks) if (message) return { field, message };
	return null;
}

async function findUser(username: string) {
	const [row] = await getDb()
		.select({ ...sessionUserColumns, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.username, username));
	return row;
}

function usernameTaken(username: string): AccountResult {
	return { ok: false, field: 'username', message: `The username "${username}" is already taken.` };
}

/** "Try again in N minutes" for an attempt refused until `lockEnd`. */
function waitMessage(what: string, lockEnd: Date): string {
	const minutes = Math.max(1, Math.ceil((lockEnd.getTime() - Date.now()) / 60_000));
	return `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Create an account, counting the attempt against the client's address first. An email is contact
 * information only (no email is sent; logins are by username), so a taken one is no refusal:
 * refusing it would tell anyone which addresses have an account.
 */
export async function registerUser(input: Registration, address: string): Promise<AccountResult> {
	const problem = registrationProblem(input);
	if (problem) return { ok: false, ...problem };

	const lockEnd = await countAttempt([registrationThrottleKey(address)]);
	if (lockEnd) return { ok: false, message: waitMessage('Too many registrations from your network.', lockEnd) };

	const [taken] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, input.username));
	if (taken) return usernameTaken(input.username);

	const passwordHash = await hashPassword(input.password);
	try {
		await getDb().insert(users).values({ username: input.username, email: input.email, passwordHash });
	} catch (error) {
		// Two registrations racing for one name: the unique index decides, the loser gets a message.
		if ((error as { cause?: { code?: string } }).cause?.code === 'ER_DUP_ENTRY') return usernameTaken(input.username);
		throw error;
	}
	const user = await findUser(input.username);
	if (!user) throw new Error(`User "${input.username}" vanished right after being created`);
	// Accounts made on one network are never each other's independent witnesses (server/trust).
	await recordNetwork(getDb(), user.id, networkPrefix(address));
	return { ok: true, user: toSessionUser(user) };
}

// Verifying against this when the username is unknown keeps the answer as slow as for a real one,
// so response times do not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

/** Check a username + password, with rate limiting per account at the client's address and per address. */
export async function loginUser(
	username: string,
	password: string,
	address: string
): Promise<AccountResult> {
	if (username === '' || password === '') {
		return { ok: false, message: 'Enter your username and password.' };
	}
	const keys = loginThrottleKeys(username, address);
	const lockEnd = await countAttempt(keys);
	if (lockEnd) return { ok: false, message: waitMessage('Too many failed attempts.', lockEnd) };

	const user = await findUser(username);
	decoyHash ??= hashPassword('not a real password, only a timing decoy');
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
	// A wrong password was counted already, before the check.
	if (!user || !valid) return { ok: false, message: INVALID_LOGIN_MESSAGE };
	await forgiveLoginAttempt(keys);
	if (!user.isActive) return { ok: false, message: INACTIVE_ACCOUNT_MESSAGE };
	if (needsRehash(user.passwordHash)) {
		await getDb()
			.update(users)
			.set({ passwordHash: await hashPassword(password) })
			.where(eq(users.id, user.id));
	}
	return { ok: true, user: toSessionUser(user) };
}
