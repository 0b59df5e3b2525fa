import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import type { MailMessage } from '../mail/mailer';
import { toPublic, UserStore } from '../users';
import { NewDeviceNotices } from './new-device-notices';

const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

function setup() {
	const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-devices-')));
	const users = new UserStore(db);
	const mails: MailMessage[] = [];
	const notices = new NewDeviceNotices({
		db,
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
		users.create({ email: 'ann@example.com', name: 'Ann', role: 'coach', passwordHash: 'x' })!
	);
	return { db, notices, mails, user, users };
}

describe('NewDeviceNotices', () => {
	it('remembers the first device silently, emails about a new one once, never stores the id', () => {
		const { db, notices, mails, user } = setup();
		expect(notices.signedIn(user, 'laptopdevice0000001', '', 'https://t.test')).toBe(false);
		expect(notices.signedIn(user, 'laptopdevice0000001', '', 'https://t.test')).toBe(false);
		expect(mails).toHaveLength(0);
		expect(notices.signedIn(user, 'phonedevice00000001', firefox, 'https://t.test')).toBe(true);
		expect(notices.signedIn(user, 'phonedevice00000001', firefox, 'https://t.test')).toBe(false);
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			to: 'ann@example.com',
			subject: 'New sign-in to your Tandem account'
		});
		expect(mails[0]!.text).toContain('Firefox on Windows, on 2026-12-07 23:40 UTC');
		expect(mails[0]!.text).toContain('https://t.test/forgot-password');
		const stored = JSON.stringify(
			(db.prepare('SELECT device_hash FROM known_devices').all() as { device_hash: Buffer }[]).map(
				(r) => Buffer.from(r.device_hash).toString('latin1')
			)
		);
		expect(stored).not.toContain('phonedevice');
	});

	it('keeps each account’s devices apart', () => {
		const { notices, mails, user, users } = setup();
		const bob = toPublic(
			users.create({ email: 'bob@example.com', name: 'Bob', role: 'client', passwordHash: 'x' })!
		);
		notices.signedIn(user, 'shareddevice0000001', '', 'https://t.test');
		expect(notices.signedIn(bob, 'shareddevice0000001', '', 'https://t.test')).toBe(false);
		expect(mails).toHaveLength(0);
	});
});
