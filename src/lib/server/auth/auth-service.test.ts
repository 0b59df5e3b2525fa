import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { UserStore } from '../users';
import { AuthService, throttleRules } from './auth-service';
import { LoginThrottle } from './login-throttle';
import { SessionStore } from './session-store';

function setup() {
	const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-auth-')));
	const users = new UserStore(db);
	const sessions = new SessionStore(db);
	const auth = new AuthService({ users, sessions, throttle: new LoginThrottle() });
	return { db, users, sessions, auth };
}

const ann = { name: 'Ann', email: 'ann@example.com', password: 'password1' };

describe('AuthService', () => {
	it('signs up a coach, stores an argon2id hash and returns a working session', async () => {
		const { auth, users } = setup();
		const result = await auth.signupCoach(ann);
		expect(result.ok).toBe(true);
		if (!result.ok) {
			return;
		}
		expect(result.value.user).toMatchObject({ name: 'Ann', email: ann.email, role: 'coach' });
		expect(users.byEmail(ann.email)?.passwordHash).toMatch(/^\$argon2id\$/);
		expect(auth.current(result.value.token)?.user.id).toBe(result.value.user.id);
	});

	it('refuses a second account for the same email', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		const again = await auth.signupCoach({ ...ann, name: 'Other' });
		expect(!again.ok && again.error.code).toBe('conflict');
	});

	it('signs in with the right password only, with one message for unknown email and wrong password', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		const good = await auth.login({ email: ann.email, password: ann.password }, '1.1.1.1');
		expect(good.ok).toBe(true);
		const wrong = await auth.login({ email: ann.email, password: 'nope-nope' }, '1.1.1.1');
		const unknown = await auth.login(
			{ email: 'who@example.com', password: 'nope-nope' },
			'1.1.1.1'
		);
		expect(!wrong.ok && wrong.error).toEqual(!unknown.ok && unknown.error);
		expect(!wrong.ok && wrong.error.code).toBe('invalid-credentials');
	});

	it('locks an account after repeated failures, even for the right password, from any address', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		for (let i = 0; i < throttleRules.account.maxFailures; i++) {
			await auth.login({ email: ann.email, password: 'wrong-pass' }, `10.0.0.${i}`);
		}
		const locked = await auth.login({ email: ann.email, password: ann.password }, '10.9.9.9');
		expect(!locked.ok && locked.error.code).toBe('rate-limited');
		expect(!locked.ok && locked.error.retryAfterSeconds).toBeGreaterThan(0);
	});

	it('limits one address trying many accounts', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		for (let i = 0; i < throttleRules.address.maxFailures; i++) {
			await auth.login({ email: `user${i}@example.com`, password: 'wrong-pass' }, '6.6.6.6');
		}
		const blocked = await auth.login({ email: ann.email, password: ann.password }, '6.6.6.6');
		expect(!blocked.ok && blocked.error.code).toBe('rate-limited');
		const other = await auth.login({ email: ann.email, password: ann.password }, '7.7.7.7');
		expect(other.ok).toBe(true);
	});

	it('logout ends the session', async () => {
		const { auth } = setup();
		const result = await auth.signupCoach(ann);
		if (!result.ok) {
			throw new Error('signup failed');
		}
		auth.logout(result.value.session.id);
		expect(auth.current(result.value.token)).toBeNull();
	});
});
