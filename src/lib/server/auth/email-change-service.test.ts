import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import type { MailMessage } from '../mail/mailer';
import { UserStore } from '../users';
import { EMAIL_CHANGE_TTL_MS, EmailChangeService } from './email-change-service';
import { hashPassword } from './password';

async function setup() {
	const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-email-change-')));
	const users = new UserStore(db);
	const mails: MailMessage[] = [];
	const clock = { now: 1_000_000 };
	const changes = new EmailChangeService({
		db,
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
	const ann = users.create({ email: 'ann@example.com', name: 'Ann', role: 'coach', passwordHash })!;
	return { users, changes, mails, clock, ann, passwordHash };
}

const origin = 'https://tandem.test';
const tokenIn = (mail: MailMessage | undefined) =>
	/\/confirm-email\/([a-z0-9]+)/.exec(mail?.text ?? '')![1]!;

describe('EmailChangeService', () => {
	it('changes nothing until the link is used, and a link expires after a day', async () => {
		const { changes, mails, clock, ann, users } = await setup();
		const input = { newEmail: 'Ann.New@Example.com', password: 'password-1' };
		expect((await changes.request(ann.id, input, origin)).ok).toBe(true);
		expect(mails[0]).toMatchObject({ to: 'ann.new@example.com' });
		expect(users.byId(ann.id)!.email).toBe('ann@example.com');
		clock.now += EMAIL_CHANGE_TTL_MS;
		expect(changes.confirm(tokenIn(mails[0]), origin)).toMatchObject({
			ok: false,
			error: { code: 'gone' }
		});
		expect(users.byId(ann.id)!.email).toBe('ann@example.com');
	});

	it('refuses the link when another account took the address meanwhile', async () => {
		const { changes, mails, ann, users, passwordHash } = await setup();
		await changes.request(ann.id, { newEmail: 'bo@example.com', password: 'password-1' }, origin);
		users.create({ email: 'bo@example.com', name: 'Bo', role: 'coach', passwordHash });
		expect(changes.confirm(tokenIn(mails[0]), origin)).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		expect(users.byId(ann.id)!.email).toBe('ann@example.com');
		expect(mails).toHaveLength(1);
	});
});
