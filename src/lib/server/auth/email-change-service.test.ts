import { afterEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES, type AppDatabases } from '../database/app-database.testing';
import type { MailMessage } from '../mail/mailer';
import { UserStore } from '../users';
import { EMAIL_CHANGE_TTL_MS, EmailChangeService } from './email-change-service';
import { hashPassword } from './password';

async function setupOn(databases: AppDatabases) {
	const database = await databases.open();
	const users = new UserStore(database);
	const mails: MailMessage[] = [];
	const clock = { now: 1_000_000 };
	const changes = new EmailChangeService({
		database,
		users,
		mailQueue: {
			enqueue: (message) => {
				mails.push(message);
				return 'queued';
			},
			kick: () => Promise.resolve(0)
		},
		now: () => clock.now
	});
	const passwordHash = await hashPassword('password-1');
	const ann = (await users.create({
		email: 'ann@example.com',
		name: 'Ann',
		role: 'coach',
		passwordHash
	}))!;
	return { users, changes, mails, clock, ann, passwordHash };
}

const origin = 'https://tandem.test';
const tokenIn = (mail: MailMessage | undefined) =>
	/\/confirm-email\/([a-z0-9]+)/.exec(mail?.text ?? '')![1]!;

describe.each(ENGINES)('EmailChangeService on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());
	const setup = () => setupOn(databases);

	it('changes nothing until the link is used, and a link expires after a day', async () => {
		const { changes, mails, clock, ann, users } = await setup();
		const input = { newEmail: 'Ann.New@Example.com', password: 'password-1' };
		expect((await changes.request(ann.id, input, origin)).ok).toBe(true);
		expect(mails[0]).toMatchObject({ to: 'ann.new@example.com' });
		expect((await users.byId(ann.id))!.email).toBe('ann@example.com');
		clock.now += EMAIL_CHANGE_TTL_MS;
		expect(await changes.confirm(tokenIn(mails[0]), origin)).toMatchObject({
			ok: false,
			error: { code: 'gone' }
		});
		expect((await users.byId(ann.id))!.email).toBe('ann@example.com');
	});

	it('refuses the link when another account took the address meanwhile', async () => {
		const { changes, mails, ann, users, passwordHash } = await setup();
		await changes.request(ann.id, { newEmail: 'bo@example.com', password: 'password-1' }, origin);
		await users.create({ email: 'bo@example.com', name: 'Bo', role: 'coach', passwordHash });
		expect(await changes.confirm(tokenIn(mails[0]), origin)).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect((await users.byId(ann.id))!.email).toBe('ann@example.com');
		expect(mails).toHaveLength(1);
	});
});
