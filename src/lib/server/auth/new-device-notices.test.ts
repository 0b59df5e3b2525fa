import { afterEach, describe, expect, it } from 'vitest';
import { appDatabaseFixture, ENGINES, type AppDatabases } from '../database/app-database.testing';
import type { MailMessage } from '../mail/mailer';
import { toPublic, UserStore } from '../users';
import { NewDeviceNotices } from './new-device-notices';

const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

async function setupOn(databases: AppDatabases) {
	const database = await databases.open();
	const users = new UserStore(database);
	const mails: MailMessage[] = [];
	const notices = new NewDeviceNotices({
		database,
		mailQueue: {
			enqueue: (message) => {
				mails.push(message);
				return 'queued';
			},
			kick: () => Promise.resolve(0)
		},
		now: () => Date.UTC(2026, 11, 7, 23, 40)
	});
	const user = toPublic(
		(await users.create({
			email: 'ann@example.com',
			name: 'Ann',
			role: 'coach',
			passwordHash: 'x'
		}))!
	);
	return { database, notices, mails, user, users };
}

describe.each(ENGINES)('NewDeviceNotices on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());
	const setup = () => setupOn(databases);

	it('remembers the first device silently, emails about a new one once, never stores the id', async () => {
		const { database, notices, mails, user } = await setup();
		expect(await notices.signedIn(user, 'laptopdevice0000001', '', 'https://t.test')).toBe(false);
		expect(await notices.signedIn(user, 'laptopdevice0000001', '', 'https://t.test')).toBe(false);
		expect(mails).toHaveLength(0);
		expect(await notices.signedIn(user, 'phonedevice00000001', firefox, 'https://t.test')).toBe(
			true
		);
		expect(await notices.signedIn(user, 'phonedevice00000001', firefox, 'https://t.test')).toBe(
			false
		);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			to: 'ann@example.com',
			subject: 'New sign-in to your Tandem account'
		});
		expect(mails[0]!.text).toContain('Firefox on Windows, on 2026-12-07 23:40 UTC');
		expect(mails[0]!.text).toContain('https://t.test/forgot-password');
		const stored = JSON.stringify(
			(await database.db.selectFrom('known_devices').select('device_hash').execute()).map((r) =>
				Buffer.from(r.device_hash).toString('latin1')
			)
		);
		expect(stored).not.toContain('phonedevice');
	});

	it('keeps each account’s devices apart', async () => {
		const { notices, mails, user, users } = await setup();
		const bob = toPublic(
			(await users.create({
				email: 'bob@example.com',
				name: 'Bob',
				role: 'client',
				passwordHash: 'x'
			}))!
		);
		await notices.signedIn(user, 'shareddevice0000001', '', 'https://t.test');
		expect(await notices.signedIn(bob, 'shareddevice0000001', '', 'https://t.test')).toBe(false);
		expect(mails).toHaveLength(0);
	});
});
