import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	confirmInputSchema,
	loginInputSchema,
	resetConfirmInputSchema,
	resetRequestInputSchema,
	signupInputSchema
} from './auth';
import { parseWith } from './parse';

/** A body through its schema, refused as the endpoint helper refuses it (invalid-input). */
function through<S extends v.GenericSchema>(schema: S) {
	return (body: unknown) => {
		const parsed = parseWith(schema, body);
		return parsed.ok
			? { ok: true as const, value: parsed.value }
			: {
					ok: false as const,
					error: { code: 'invalid-input', message: parsed.message, fields: parsed.fields }
				};
	};
}

const parseSignup = through(signupInputSchema);
const parseLogin = through(loginInputSchema);

describe('parseSignup', () => {
	it('trims the name and normalises the email', () => {
		const result = parseSignup({
			name: '  Ann ',
			email: ' Ann@Example.COM ',
			password: 'password1'
		});
		expect(result).toEqual({
			ok: true,
			value: { name: 'Ann', email: 'ann@example.com', password: 'password1' }
		});
	});

	it.each([
		[null, 'Send a JSON object'],
		[[], 'Send a JSON object'],
		['text', 'Send a JSON object'],
		[{ email: 'a@b.co', password: 'password1' }, 'Enter your name.'],
		[{ name: 'A', password: 'password1' }, 'Enter your email address.'],
		[{ name: 'A', email: 'not-an-email', password: 'password1' }, 'valid email'],
		[{ name: 'A', email: 'a@b.co', password: 'short' }, 'at least 8'],
		[{ name: 'A', email: 'a@b.co' }, 'at least 8'],
		[{ name: 'A', email: 'a@b.co', password: 'x'.repeat(257) }, 'at most 256'],
		[{ name: 42, email: 'a@b.co', password: 'password1' }, 'Enter your name.']
	])('refuses %j with a clear message', (body, message) => {
		const result = parseSignup(body);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe('invalid-input');
			expect(result.error.message).toContain(message);
		}
	});
});

describe('parseLogin', () => {
	it('normalises the email and keeps the password as typed', () => {
		expect(parseLogin({ email: ' X@Y.ORG', password: ' pass ' })).toEqual({
			ok: true,
			value: { email: 'x@y.org', password: ' pass ' }
		});
	});

	it('asks for the missing password', () => {
		const result = parseLogin({ email: 'x@y.org' });
		expect(!result.ok && result.error.message).toBe('Enter your password.');
	});
});

describe('the other auth bodies', () => {
	it('names the field of a refused signup, and checks the fields in order', () => {
		const result = parseSignup({ name: '', email: 'nope', password: 'short' });
		expect(!result.ok && result.error.message).toBe('Enter your name.');
		expect(!result.ok && result.error.fields).toEqual({
			name: 'Enter your name.',
			email: 'Enter a valid email address, like name@example.com.',
			password: 'Use a password of at least 8 characters.'
		});
	});

	it('asks for the token of a link, whatever else was sent', () => {
		const confirm = through(confirmInputSchema);
		for (const body of [null, [], 'x', {}, { token: '' }, { token: 7 }]) {
			const result = confirm(body);
			expect(!result.ok && result.error.message).toBe(
				'The confirmation link is missing its token.'
			);
		}
		expect(confirm({ token: 't' })).toEqual({ ok: true, value: { token: 't' } });
	});

	it('reads a reset request without an object as no address', () => {
		const request = through(resetRequestInputSchema);
		expect(request(null)).toMatchObject({
			ok: false,
			error: {
				message: 'Enter your email address.',
				fields: { email: 'Enter your email address.' }
			}
		});
		expect(request({ email: ' A@B.CO ' })).toEqual({ ok: true, value: { email: 'a@b.co' } });
	});

	it('leaves the new password of a reset to the service, after the token', () => {
		const reset = through(resetConfirmInputSchema);
		expect(reset({ password: 'x' })).toMatchObject({
			ok: false,
			error: { message: 'The reset link is missing its token.' }
		});
		expect(reset({ token: 't', password: 7 })).toEqual({
			ok: true,
			value: { token: 't', password: '' }
		});
	});
});
