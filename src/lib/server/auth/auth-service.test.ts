import { afterEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES, type AppDatabases } from '../database/app-database.testing';
import { toPublic, UserStore } from '../users';
import { AuthService } from './auth-service';
import { hashPassword } from './password';
import { SessionStore } from './session-store';
import { SignInGuard, signInPolicy } from './sign-in-guard';

async function setupOn(databases: AppDatabases) {
	const database = await databases.open();
	const users = new UserStore(database);
	const sessions = new SessionStore(database);
	const auth = new AuthService({ users, sessions, guard: new SignInGuard() });
	// Accounts come from SignupService; here they are written directly.
	const addAnn = async () =>
		toPublic(
			(await users.create({
				name: ann.name,
				email: ann.email,
				role: 'coach',
				passwordHash: await hashPassword(ann.password)
			}))!
		);
	return { database, users, sessions, auth, addAnn };
}

const ann = { name: 'Ann', email: 'ann@example.com', password: 'password1' };

describe.each(ENGINES)('AuthService on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());
	const setup = () => setupOn(databases);

	it('signs in with the right password only, with one message for unknown email and wrong password', async () => {
		const { auth, addAnn } = await setup();
		await addAnn();
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
		const { auth, addAnn } = await setup();
		await addAnn();
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
		const { auth, addAnn } = await setup();
		await addAnn();
		const warned: string[] = [];
		auth.onFailureBurst((user) => warned.push(user.email));
		for (let i = 0; i < signInPolicy.burstFailures * 2; i++) {
			await auth.login({ email: ann.email, password: 'wrong-pass' }, `10.0.${i}.1`);
			await auth.login({ email: 'nobody@example.com', password: 'wrong-pass' }, `10.0.${i}.1`);
		}
		expect(warned).toEqual([ann.email]);
	});

	it('logout ends the session', async () => {
		const { auth, addAnn } = await setup();
		const signedIn = await auth.signInUser(await addAnn());
		expect((await auth.current(signedIn.token))?.user.email).toBe(ann.email);
		await auth.logout(signedIn.session.id);
		expect(await auth.current(signedIn.token)).toBeNull();
	});
});
