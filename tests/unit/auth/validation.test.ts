import { describe, expect, it } from 'vitest';
import {
	checkEmail,
	checkPassword,
	checkTokenName,
	checkUsername,
	formText
} from '$lib/server/auth/validation';
import { registrationProblem } from '$lib/server/auth/accounts';

describe('checkUsername', () => {
	it.each(['abc', 'star.gazer_42', 'M-31', 'a'.repeat(64)])('accepts %s', (name) => {
		expect(checkUsername(name)).toBeNull();
	});

	it('asks for a username when empty', () => {
		expect(checkUsername('')).toBe('Enter a username.');
	});

	it('names the allowed length and the length given', () => {
		expect(checkUsername('ab')).toBe('A username has 3–64 characters; this one has 2.');
		expect(checkUsername('a'.repeat(65))).toBe('A username has 3–64 characters; this one has 65.');
	});

	it.each(["' OR 1=1 --", 'robert"); DROP TABLE users;--', 'with space', 'émile', 'a/b', 'x<y>z'])(
		'refuses %s and lists what is allowed',
		(name) => {
			expect(checkUsername(name)).toMatch(/only letters A–Z, digits and the characters \. _ -/);
		}
	);
});

describe('checkEmail', () => {
	it.each(['ann@example.org', 'a.b+c@sub.example.co.uk'])('accepts %s', (email) => {
		expect(checkEmail(email)).toBeNull();
	});

	it.each(['', 'no-at-sign', 'a@b', 'a@@b.org', 'a b@c.org', "' OR 1=1 --", 'a@.org'])(
		'refuses %s',
		(email) => {
			expect(checkEmail(email)).not.toBeNull();
		}
	);

	it('limits the length to 255 characters', () => {
		const local = 'a'.repeat(64);
		const long = `${local}@${'d'.repeat(200)}.org`; // 64 + 1 + 204 = 269
		expect(checkEmail(long)).toBe('An email address has at most 255 characters.');
		const fits = `${local}@${'d'.repeat(186)}.org`; // exactly 255
		expect(fits.length).toBe(255);
		expect(checkEmail(fits)).toBeNull();
	});
});

describe('checkPassword', () => {
	it('accepts 8 to 255 characters, spaces and symbols included', () => {
		expect(checkPassword('12345678')).toBeNull();
		expect(checkPassword("correct horse ' OR 1=1 --")).toBeNull();
		expect(checkPassword('p'.repeat(255))).toBeNull();
	});

	it('refuses shorter and longer ones', () => {
		expect(checkPassword('')).toBe('A password needs at least 8 characters.');
		expect(checkPassword('1234567')).toBe('A password needs at least 8 characters.');
		expect(checkPassword('p'.repeat(256))).toBe('A password has at most 255 characters.');
	});

	it('counts characters, not UTF-16 units', () => {
		expect(checkPassword('🔭'.repeat(8))).toBeNull();
		expect(checkPassword('🔭'.repeat(7))).not.toBeNull();
	});
});

describe('checkTokenName', () => {
	it.each(['garage runner', 'Runner #2 (Pi)', 'scripts: photometry', 'Sternwarte-Süd'])(
		'accepts %s',
		(name) => {
			expect(checkTokenName(name)).toBeNull();
		}
	);

	it.each(['', "x'; DROP TABLE api_tokens; --", '<script>', 'n'.repeat(65)])('refuses %s', (name) => {
		expect(checkTokenName(name)).not.toBeNull();
	});
});

describe('registrationProblem', () => {
	const good = { username: 'vega', email: 'vega@example.org', password: 'long enough', passwordRepeat: 'long enough' };

	it('passes a good registration', () => {
		expect(registrationProblem(good)).toBeNull();
	});

	it('names the first bad field', () => {
		expect(registrationProblem({ ...good, username: '' })?.field).toBe('username');
		expect(registrationProblem({ ...good, email: 'nope' })?.field).toBe('email');
		expect(registrationProblem({ ...good, password: 'short', passwordRepeat: 'short' })?.field).toBe(
			'password'
		);
		expect(registrationProblem({ ...good, passwordRepeat: 'different!' })).toEqual({
			field: 'passwordRepeat',
			message: 'The two passwords differ.'
		});
	});
});

describe('formText', () => {
	it('trims text fields unless told not to, and treats missing fields and files as empty', () => {
		const form = new FormData();
		form.set('username', '  vega ');
		form.set('password', ' secret ');
		form.set('upload', new Blob(['x']), 'x.fit');
		expect(formText(form, 'username')).toBe('vega');
		expect(formText(form, 'password', { trim: false })).toBe(' secret ');
		expect(formText(form, 'missing')).toBe('');
		expect(formText(form, 'upload')).toBe('');
	});
});
