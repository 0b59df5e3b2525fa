import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import type { MailMessage } from '../mail/mailer';
import { UserStore } from '../users';
import { AuthService } from './auth-service';
import { SessionStore } from './session-store';
import { SIGNUP_LINK_TTL_MS, SignupService } from './signup-service';

function setup() {
	const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-signup-')));
	const users = new UserStore(db);
	const auth = new AuthService({ users, sessions: new SessionStore(db) });
	const mails: MailMessage[] = [];
	const clock = { now: 1_000_000 };
	const signup = new SignupService({
		db,
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
	return { db, users, auth, signup, mails, clock };
}

const ann = { name: 'Ann', email: 'ann@example.com', password: 'password1' };
const tokenIn = (mail: MailMessage | undefined) =>
	/\/signup\/confirm\/([a-z0-9]+)/.exec(mail?.text ?? '')![1]!;

describe('SignupService', () => {
	it('creates nothing until the emailed link is used; the link creates the coach and signs in, once', async () => {
		const { signup, users, auth, mails } = setup();
		await signup.request(ann, 'https://tandem.test');
		expect(users.byEmail(ann.email)).toBeNull();
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({
			to: ann.email,
			subject: expect.stringMatching(/Confirm your email/)
		});
		const token = tokenIn(mails[0]);
		const confirmed = signup.confirm(token);
		expect(confirmed.ok).toBe(true);
		if (!confirmed.ok) {
			return;
		}
		expect(confirmed.value.user).toMatchObject({ name: 'Ann', email: ann.email, role: 'coach' });
		expect(users.byEmail(ann.email)?.passwordHash).toMatch(/^\$argon2id\$/);
		expect(auth.current(confirmed.value.token)?.user.email).toBe(ann.email);
		expect(signup.confirm(token)).toMatchObject({ ok: false, error: { code: 'not-found' } });
	});

	it('an address with an account gets a notice, not a link; the answer is the same', async () => {
		const { signup, users, mails } = setup();
		await signup.request(ann, 'https://tandem.test');
		signup.confirm(tokenIn(mails[0]));
		await signup.request(
			{ ...ann, name: 'Mallory', password: 'other-pass' },
			'https://tandem.test'
		);
		expect(mails[1]).toMatchObject({
			to: ann.email,
			subject: 'Someone tried to sign up to Tandem with your email'
		});
		expect(mails[1]!.text).not.toMatch(/signup\/confirm/);
		expect(users.byEmail(ann.email)?.name).toBe('Ann');
	});

	it('only the latest link works, and not after 24 hours', async () => {
		const { signup, mails, clock } = setup();
		await signup.request(ann, 'https://tandem.test');
		await signup.request(ann, 'https://tandem.test');
		expect(signup.confirm(tokenIn(mails[0]))).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		clock.now += SIGNUP_LINK_TTL_MS;
		expect(signup.confirm(tokenIn(mails[1]))).toMatchObject({ ok: false, error: { code: 'gone' } });
	});
});
