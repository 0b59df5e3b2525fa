import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { UserStore } from '../users';
import { AuthService } from './auth-service';
import { SessionStore } from './session-store';
import { SignInGuard, signInPolicy } from './sign-in-guard';

function setup() {
	const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-auth-')));
	const users = new UserStore(db);
	const sessions = new SessionStore(db);
	const auth = new AuthService({ users, sessions, guard: new SignInGuard() });
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

	it('slows one account from one address, never the owner signing in from elsewhere', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		for (let i = 0; i <= signInPolicy.freeFailures; i++) {
			await auth.login({ email: ann.email, password: 'wrong-pass' }, '10.0.0.1');
		}
		const slowed = await auth.login({ email: ann.email, password: ann.password }, '10.0.0.1');
		expect(!slowed.ok && slowed.error.code).toBe('rate-limited');
		expect(!slowed.ok && slowed.error.retryAfterSeconds).toBeGreaterThan(0);
		const owner = await auth.login({ email: ann.email, password: ann.password }, '10.9.9.9');
		expect(owner.ok).toBe(true);
	});

	it('reports a burst of failures on an existing account once', async () => {
		const { auth } = setup();
		await auth.signupCoach(ann);
		const warned: string[] = [];
		auth.onFailureBurst((user) => warned.push(user.email));
		for (let i = 0; i < signInPolicy.burstFailures * 2; i++) {
			await auth.login({ email: ann.email, password: 'wrong-pass' }, `10.0.${i}.1`);
			await auth.login({ email: 'nobody@example.com', password: 'wrong-pass' }, `10.0.${i}.1`);
		}
		expect(warned).toEqual([ann.email]);
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
