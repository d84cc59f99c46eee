/** Registering and logging in: the checks, the messages, and the rows they touch. */
import { eq, or } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { countAttempt, forgiveLoginAttempt, loginThrottleKeys } from './throttle';
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

/** The account that already holds this username or email, if any (compared case-insensitively). */
async function findTaken(input: Registration) {
	const [taken] = await getDb()
		.select({ username: users.username, email: users.email })
		.from(users)
		.where(or(eq(users.username, input.username), eq(users.email, input.email)));
	return taken;
}

function duplicateMessage(taken: { username: string; email: string }, input: Registration) {
	if (taken.username.toLowerCase() === input.username.toLowerCase()) {
		return { field: 'username' as const, message: `The username "${input.username}" is already taken.` };
	}
	return { field: 'email' as const, message: 'An account with this email address already exists.' };
}

export async function registerUser(input: Registration): Promise<AccountResult> {
	const problem = registrationProblem(input);
	if (problem) return { ok: false, ...problem };

	const taken = await findTaken(input);
	if (taken) return { ok: false, ...duplicateMessage(taken, input) };

	const passwordHash = await hashPassword(input.password);
	try {
		await getDb().insert(users).values({ username: input.username, email: input.email, passwordHash });
	} catch (error) {
		// Two registrations racing for one name: the unique index decides, the loser gets a message.
		if ((error as { cause?: { code?: string } }).cause?.code === 'ER_DUP_ENTRY') {
			const winner = await findTaken(input);
			if (winner) return { ok: false, ...duplicateMessage(winner, input) };
		}
		throw error;
	}
	const user = await findUser(input.username);
	if (!user) throw new Error(`User "${input.username}" vanished right after being created`);
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
	if (lockEnd) {
		const minutes = Math.max(1, Math.ceil((lockEnd.getTime() - Date.now()) / 60_000));
		return {
			ok: false,
			message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
		};
	}

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
