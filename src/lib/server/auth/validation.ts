/**
 * Checks for what people type into the account forms. Each returns null when the value is fine,
 * or a message that says what is wrong and what is accepted, ready to show next to the form.
 */

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
export const EMAIL_MAX = 255;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 255;
export const TOKEN_NAME_MAX = 64;

const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is not checked here.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const TOKEN_NAME_PATTERN = /^[\p{L}\p{N} ._:#()-]+$/u;

/** Length in characters (code points), as people count them. */
function length(value: string): number {
	return [...value].length;
}

export function checkUsername(username: string): string | null {
	if (username === '') return 'Enter a username.';
	const n = length(username);
	if (n < USERNAME_MIN || n > USERNAME_MAX) {
		return `A username has ${USERNAME_MIN}–${USERNAME_MAX} characters; this one has ${n}.`;
	}
	if (!USERNAME_PATTERN.test(username)) {
		return 'A username may contain only letters A–Z, digits and the characters . _ -';
	}
	return null;
}

export function checkEmail(email: string): string | null {
	if (email === '') return 'Enter an email address.';
	if (length(email) > EMAIL_MAX) return `An email address has at most ${EMAIL_MAX} characters.`;
	if (!EMAIL_PATTERN.test(email)) return `"${email}" is not an email address (name@example.org).`;
	return null;
}

export function checkPassword(password: string): string | null {
	const n = length(password);
	if (n < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters.`;
	if (n > PASSWORD_MAX) return `A password has at most ${PASSWORD_MAX} characters.`;
	return null;
}

export function checkTokenName(name: string): string | null {
	if (name === '') return 'Give the token a name, e.g. "observatory runner".';
	if (length(name) > TOKEN_NAME_MAX) return `A token name has at most ${TOKEN_NAME_MAX} characters.`;
	if (!TOKEN_NAME_PATTERN.test(name)) {
		return 'A token name may contain letters, digits, spaces and . _ - : # ( )';
	}
	return null;
}

/** A form field as a string: absent or a file counts as empty. Usernames and emails are trimmed. */
export function formText(form: FormData, field: string, { trim = true } = {}): string {
	const value = form.get(field);
	if (typeof value !== 'string') return '';
	return trim ? value.trim() : value;
}
