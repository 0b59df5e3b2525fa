import { afterEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES, type AppDatabases } from '../database/app-database.testing';
import type { MailMessage } from '../mail/mailer';
import { UserStore } from '../users';
import { AuthService } from './auth-service';
import { SessionStore } from './session-store';
import { SIGNUP_LINK_TTL_MS, SignupService } from './signup-service';

async function setupOn(databases: AppDatabases) {
	const database = await databases.open();
	const users = new UserStore(database);
	const auth = new AuthService({ users, sessions: new SessionStore(database) });
	const mails: MailMessage[] = [];
	const clock = { now: 1_000_000 };
	const signup = new SignupService({
		database,
		users,
		auth,
		mailQueue: {
			enqueue: (message) => {
				mails.push(message);
				return 'queued';
			},
			kick: () => Promise.resolve(0)
		},
		mailerKind: 'smtp',
		now: () => clock.now
	});
	return { database, users, auth, signup, mails, clock };
}

const ann = { name: 'Ann', email: 'ann@example.com', password: 'password1' };
const tokenIn = (mail: MailMessage | undefined) =>
	/\/signup\/confirm\/([a-z0-9]+)/.exec(mail?.text ?? '')![1]!;

describe.each(ENGINES)('SignupService on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());
	const setup = () => setupOn(databases);

	it('creates nothing until the emailed link is used; the link creates the coach and signs in, once', async () => {
		const { signup, users, auth, mails } = await setup();
		await signup.request(ann, 'https://tandem.test');
		expect(await users.byEmail(ann.email)).toBeNull();
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			to: ann.email,
			subject: expect.stringMatching(/Confirm your email/)
		});
		const token = tokenIn(mails[0]);
		const confirmed = await signup.confirm(token);
		expect(confirmed.ok).toBe(true);
		if (!confirmed.ok) {
			return;
		}
		expect(confirmed.value.user).toMatchObject({ name: 'Ann', email: ann.email, role: 'coach' });
		expect((await users.byEmail(ann.email))?.passwordHash).toMatch(/^\$argon2id\$/);
		expect((await auth.current(confirmed.value.token))?.user.email).toBe(ann.email);
		expect(await signup.confirm(token)).toMatchObject({ ok: false, error: { code: 'not-found' } });
	});

	it('an address with an account gets a notice, not a link; the answer is the same', async () => {
		const { signup, users, mails } = await setup();
		await signup.request(ann, 'https://tandem.test');
		await signup.confirm(tokenIn(mails[0]));
		await signup.request(
			{ ...ann, name: 'Mallory', password: 'other-pass' },
			'https://tandem.test'
		);
		expect(mails[1]).toMatchObject({
			to: ann.email,
			subject: 'Someone tried to sign up to Tandem with your email'
		});
		expect(mails[1]!.text).not.toMatch(/signup\/confirm/);
		expect((await users.byEmail(ann.email))?.name).toBe('Ann');
	});

	it('only the latest link works, and not after 24 hours', async () => {
		const { signup, mails, clock } = await setup();
		await signup.request(ann, 'https://tandem.test');
		await signup.request(ann, 'https://tandem.test');
		expect(await signup.confirm(tokenIn(mails[0]))).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		clock.now += SIGNUP_LINK_TTL_MS;
		expect(await signup.confirm(tokenIn(mails[1]))).toMatchObject({
			ok: false,
			error: { code: 'gone' }
		});
	});
});
