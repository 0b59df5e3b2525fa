import { afterEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES, type AppDatabases } from '../database/app-database.testing';
import type { MailMessage } from '../mail/mailer';
import { hashSecret } from '../memberships/secret-hash';
import { UserStore } from '../users';
import { AuthService } from './auth-service';
import { hashPassword } from './password';
import { PasswordService, RESET_LINK_TTL_MS, resetRequestRules } from './password-service';
import { SessionStore } from './session-store';

async function setupOn(databases: AppDatabases) {
	const database = await databases.open();
	const users = new UserStore(database);
	const clock = { now: 1_000_000 };
	const sessions = new SessionStore(database, { now: () => clock.now });
	const auth = new AuthService({ users, sessions });
	const mails: MailMessage[] = [];
	const passwords = new PasswordService({
		database,
		users,
		sessions,
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
	const ann = (await users.create({
		email: 'ann@example.com',
		name: 'Ann',
		role: 'coach',
		passwordHash: await hashPassword('old-password-1')
	}))!;
	return { database, users, sessions, auth, passwords, mails, clock, ann };
}

const origin = 'https://tandem.test';
const tokenIn = (mail: MailMessage | undefined) =>
	/\/reset-password\/([a-z0-9]+)/.exec(mail?.text ?? '')![1]!;

describe.each(ENGINES)('PasswordService on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());
	const setup = () => setupOn(databases);

	it('emails a single-use link stored only as its hash; using it ends every session and signs in', async () => {
		const { database, passwords, mails, sessions, ann, users } = await setup();
		const other = await sessions.create(ann.id);
		expect((await passwords.requestReset(ann.email, origin, '10.0.0.1')).ok).toBe(true);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({ to: ann.email, subject: 'Reset your Tandem password' });
		const token = tokenIn(mails[0]);
		const stored = await database.db.selectFrom('password_resets').select('token_hash').execute();
		expect(stored).toHaveLength(1);
		expect(Buffer.from(stored[0]!.token_hash)).toEqual(Buffer.from(hashSecret(token)));

		const reset = await passwords.reset(token, 'new-password-2', origin);
		expect(reset.ok).toBe(true);
		expect(await sessions.validate(other.token)).toBeNull();
		expect(reset.ok && (await sessions.validate(reset.value.token))).toBeTruthy();
		expect((await users.byId(ann.id))!.passwordHash).not.toEqual(ann.passwordHash);
		expect(mails.at(-1)?.subject).toBe('Your Tandem password was changed');

		const again = await passwords.reset(token, 'third-password-3', origin);
		expect(again).toMatchObject({ ok: false, error: { code: 'not-found' } });
	});

	it('sends nothing for an unknown address, answering the same', async () => {
		const { passwords, mails, database } = await setup();
		expect(await passwords.requestReset('nobody@example.com', origin, '10.0.0.1')).toEqual({
			ok: true,
			value: null
		});
		expect(mails).toHaveLength(0);
		const { n } = await database.db
			.selectFrom('password_resets')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect({ n: Number(n) }).toEqual({ n: 0 });
	});

	it('a link expires after an hour, and only the newest link works', async () => {
		const { passwords, mails, clock, ann } = await setup();
		await passwords.requestReset(ann.email, origin, '10.0.0.1');
		await passwords.requestReset(ann.email, origin, '10.0.0.1');
		const [first, second] = mails.map(tokenIn);
		expect(await passwords.reset(first!, 'new-password-2', origin)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		clock.now += RESET_LINK_TTL_MS;
		expect(await passwords.reset(second!, 'new-password-2', origin)).toMatchObject({
			ok: false,
			error: { code: 'gone' }
		});
	});

	it('limits requests per address, for unknown addresses as for known ones', async () => {
		const { passwords } = await setup();
		for (const email of ['ann@example.com', 'nobody@example.com']) {
			for (let i = 0; i < resetRequestRules.perEmail.maxFailures; i++) {
				expect((await passwords.requestReset(email, origin, `10.0.0.${i}`)).ok).toBe(true);
			}
			expect(await passwords.requestReset(email, origin, '10.9.9.9')).toMatchObject({
				ok: false,
				error: { code: 'rate-limited' }
			});
		}
	});

	it('changing the password needs the current one and keeps only this session', async () => {
		const { passwords, sessions, ann } = await setup();
		const here = await sessions.create(ann.id);
		const there = await sessions.create(ann.id);
		const wrong = await passwords.change(
			ann.id,
			here.session.id,
			{ currentPassword: 'not-it-at-all', newPassword: 'new-password-2' },
			origin
		);
		expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-credentials' } });
		expect(await sessions.validate(there.token)).not.toBeNull();
		const short = await passwords.change(
			ann.id,
			here.session.id,
			{ currentPassword: 'old-password-1', newPassword: 'short' },
			origin
		);
		expect(short).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		const changed = await passwords.change(
			ann.id,
			here.session.id,
			{ currentPassword: 'old-password-1', newPassword: 'new-password-2' },
			origin
		);
		expect(changed.ok).toBe(true);
		expect(await sessions.validate(here.token)).not.toBeNull();
		expect(await sessions.validate(there.token)).toBeNull();
	});
});
