import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
import { signedUpCoach } from '../helpers/sign-up';
import { waitForMail } from '../helpers/wait-for-mail';

const mailed = mailedServer();
const password = 'correct-horse-9';
let counter = 0;
const uniqueEmail = () => `reset${++counter}-${Date.now()}@example.com`;

/**
 * Emails queued to `address` so far (an email is queued inside the request that causes it, so
 * this is exact as soon as the response is in). A sent email's row keeps its user, not its text.
 */
function queuedFor(address: string): number {
	const db = new Database(path.join(mailed.server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		const row = db
			.prepare(
				`SELECT count(*) AS n FROM mail_queue
				 WHERE message LIKE ? OR user_id = (SELECT id FROM users WHERE email = ?)`
			)
			.get(`%${address}%`, address) as { n: number };
		return row.n;
	} finally {
		db.close();
	}
}

describe('forgot password', () => {
	it('the emailed link sets a new password once and signs out every other device', async () => {
		const email = uniqueEmail();
		const { client: laptop } = await signedUpCoach(
			mailed.server,
			{ name: 'Rita Reset', email, password },
			mailed.sink.received
		);
		expect((await laptop.get('/api/me')).status).toBe(200);

		const phone = new HttpClient(mailed.server.url);
		const asked = await phone.post('/api/auth/password-reset', { email: email.toUpperCase() });
		expect(asked.status).toBe(202);
		expect(await asked.json()).toEqual({ status: 'check-email' });
		const [mail] = await waitForMail(mailed.sink.received, (m) =>
			m.raw.includes('Subject: Reset your Tandem password')
		);
		expect(mail!.to).toEqual([email]);
		const token = /\/reset-password\/([a-z0-9]+)/.exec(decodeQuotedPrintable(mail!.raw))![1]!;

		const reset = await phone.post('/api/auth/password-reset/confirm', {
			token,
			password: 'brand-new-pass-1'
		});
		expect(reset.status).toBe(200);
		expect((await phone.get('/api/me')).status).toBe(200);
		// The laptop's session ended with the reset.
		expect((await laptop.get('/api/me')).status).toBe(401);

		const login = (pass: string) =>
			new HttpClient(mailed.server.url).post('/api/auth/login', { email, password: pass });
		expect((await login(password)).status).toBe(401);
		expect((await login('brand-new-pass-1')).status).toBe(200);

		const reused = await new HttpClient(mailed.server.url).post(
			'/api/auth/password-reset/confirm',
			{
				token,
				password: 'another-pass-2'
			}
		);
		expect(reused.status).toBe(404);
		await waitForMail(mailed.sink.received, (m) =>
			m.raw.includes('Subject: Your Tandem password was changed')
		);
	});

	it('answers an unknown address exactly as a known one, and emails nobody', async () => {
		const nobody = uniqueEmail();
		const asked = await new HttpClient(mailed.server.url).post('/api/auth/password-reset', {
			email: nobody
		});
		expect(asked.status).toBe(202);
		expect(await asked.json()).toEqual({ status: 'check-email' });
		// Emails are queued inside the request: nothing queued now means nothing will be sent.
		expect(queuedFor(nobody)).toBe(0);
		const bad = await new HttpClient(mailed.server.url).post('/api/auth/password-reset', {
			email: 'not an email'
		});
		expect(bad.status).toBe(400);
	});
});

describe('change password', () => {
	it('asks for the current password and signs out the other devices only', async () => {
		const email = uniqueEmail();
		const { client: laptop } = await signedUpCoach(
			mailed.server,
			{ name: 'Chad Change', email, password },
			mailed.sink.received
		);
		const phone = new HttpClient(mailed.server.url);
		expect((await phone.post('/api/auth/login', { email, password })).status).toBe(200);

		const wrong = await laptop.post('/api/account/password', {
			currentPassword: 'not-my-password',
			newPassword: 'brand-new-pass-1'
		});
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({ fields: { currentPassword: expect.any(String) } });
		expect((await phone.get('/api/me')).status).toBe(200);

		const changed = await laptop.post('/api/account/password', {
			currentPassword: password,
			newPassword: 'brand-new-pass-1'
		});
		expect(changed.status).toBe(200);
		expect((await laptop.get('/api/me')).status).toBe(200);
		expect((await phone.get('/api/me')).status).toBe(401);
		const anonymous = await new HttpClient(mailed.server.url).post('/api/account/password', {
			currentPassword: 'brand-new-pass-1',
			newPassword: 'x-another-pass-2'
		});
		expect(anonymous.status).toBe(401);
	});
});

describe('signed-in devices', () => {
	it('lists each device once with its browser, marks this one, signs one or all others out', async () => {
		const email = uniqueEmail();
		const firefox =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
		const chrome =
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
		const { client: laptop } = await signedUpCoach(
			mailed.server,
			{ name: 'Dev Ices', email, password },
			mailed.sink.received
		);
		const phone = new HttpClient(mailed.server.url);
		const tablet = new HttpClient(mailed.server.url);
		for (const [client, agent] of [
			[phone, firefox],
			[tablet, chrome]
		] as const) {
			expect(
				(await client.post('/api/auth/login', { email, password }, { 'user-agent': agent })).status
			).toBe(200);
		}
		const listed = await laptop.get('/api/account/sessions');
		expect(listed.status).toBe(200);
		const { devices } = (await listed.json()) as {
			devices: { id: string; device: string; current: boolean; signedInAt: string }[];
		};
		expect(devices).toHaveLength(3);
		expect(devices.filter((d) => d.current)).toHaveLength(1);
		// The laptop is this test's HttpClient (Node's fetch says "node").
		expect(devices.map((d) => d.device).sort()).toEqual([
			'Chrome on Linux',
			'Firefox on Windows',
			'Unknown browser'
		]);
		const phoneEntry = devices.find((d) => d.device === 'Firefox on Windows')!;
		expect(phoneEntry.current).toBe(false);
		expect(Number.isNaN(Date.parse(phoneEntry.signedInAt))).toBe(false);

		// Another account cannot end these sessions, and this one cannot "sign out" itself here.
		const { client: stranger } = await signedUpCoach(
			mailed.server,
			{ name: 'Stranger', email: uniqueEmail(), password },
			mailed.sink.received
		);
		expect(
			(await stranger.request('DELETE', `/api/account/sessions/${phoneEntry.id}`)).status
		).toBe(404);
		const self = devices.find((d) => d.current)!;
		expect((await laptop.request('DELETE', `/api/account/sessions/${self.id}`)).status).toBe(400);

		expect((await laptop.request('DELETE', `/api/account/sessions/${phoneEntry.id}`)).status).toBe(
			204
		);
		expect((await phone.get('/api/me')).status).toBe(401);
		expect((await tablet.get('/api/me')).status).toBe(200);

		const others = await laptop.post('/api/account/sessions/sign-out-others');
		expect(await others.json()).toEqual({ signedOut: 1 });
		expect((await tablet.get('/api/me')).status).toBe(401);
		expect((await laptop.get('/api/me')).status).toBe(200);
		expect((await new HttpClient(mailed.server.url).get('/api/account/sessions')).status).toBe(401);
	});
});

describe('a sign-in from a new device', () => {
	it('emails the owner once per new browser; the first and known browsers are not news', async () => {
		const email = uniqueEmail();
		const { client: laptop } = await signedUpCoach(
			mailed.server,
			{ name: 'Nina New', email, password },
			mailed.sink.received
		);
		const firefox =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
		// Nothing else is emailed to this account in this test: its queued emails are the notices.
		const newSignIns = () => queuedFor(email);
		expect((await laptop.post('/api/auth/login', { email, password })).status).toBe(200);
		expect(newSignIns()).toBe(0);

		const phone = new HttpClient(mailed.server.url);
		const login = await phone.post(
			'/api/auth/login',
			{ email, password },
			{ 'user-agent': firefox }
		);
		expect(login.status).toBe(200);
		expect(newSignIns()).toBe(1);
		const [mail] = await waitForMail(
			mailed.sink.received,
			(m) => m.raw.includes('Subject: New sign-in to your Tandem account') && m.to.includes(email)
		);
		const text = decodeQuotedPrintable(mail!.raw);
		expect(text).toContain('Firefox on Windows');
		expect(text).toContain(`${mailed.server.url}/forgot-password`);

		// Known browsers signing in again, and a wrong password from a new one, send nothing.
		expect((await laptop.post('/api/auth/login', { email, password })).status).toBe(200);
		expect((await phone.post('/api/auth/login', { email, password })).status).toBe(200);
		const stranger = new HttpClient(mailed.server.url);
		expect(
			(await stranger.post('/api/auth/login', { email, password: 'wrong-pass-1' })).status
		).toBe(401);
		expect(newSignIns()).toBe(1);
	});
});

describe('change email', () => {
	it('is confirmed from the new address by an emailed link; the old address is told', async () => {
		const oldEmail = uniqueEmail();
		const newEmail = uniqueEmail();
		const { client } = await signedUpCoach(
			mailed.server,
			{ name: 'Ella Email', email: oldEmail, password },
			mailed.sink.received
		);
		const wrong = await client.post('/api/account/email', { newEmail, password: 'not-it-at-all' });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({ fields: { password: expect.any(String) } });
		const bad = await client.post('/api/account/email', { newEmail: 'nope', password });
		expect(bad.status).toBe(400);

		const asked = await client.post('/api/account/email', {
			newEmail: newEmail.toUpperCase(),
			password
		});
		expect(asked.status).toBe(202);
		// Nothing changes until the link is used.
		expect(
			((await (await client.get('/api/me')).json()) as { user: { email: string } }).user.email
		).toBe(oldEmail);
		const [mail] = await waitForMail(mailed.sink.received, (m) => m.to.includes(newEmail));
		expect(mail!.raw).toContain('Subject: Confirm your new email for Tandem');
		const token = /\/confirm-email\/([a-z0-9]+)/.exec(decodeQuotedPrintable(mail!.raw))![1]!;

		const confirmed = await new HttpClient(mailed.server.url).post('/api/account/email/confirm', {
			token
		});
		expect(confirmed.status).toBe(200);
		expect(await confirmed.json()).toMatchObject({ user: { email: newEmail } });
		const [told] = await waitForMail(
			mailed.sink.received,
			(m) =>
				m.raw.includes('Subject: The email of your Tandem account was changed') &&
				m.to.includes(oldEmail)
		);
		expect(decodeQuotedPrintable(told!.raw)).toContain(newEmail);

		const login = (address: string) =>
			new HttpClient(mailed.server.url).post('/api/auth/login', { email: address, password });
		expect((await login(newEmail)).status).toBe(200);
		expect((await login(oldEmail)).status).toBe(401);
		const reused = await new HttpClient(mailed.server.url).post('/api/account/email/confirm', {
			token
		});
		expect(reused.status).toBe(404);
	});

	it('a new address that has an account gets no link, and the answer is the same', async () => {
		const email = uniqueEmail();
		const { client } = await signedUpCoach(
			mailed.server,
			{ name: 'Tom Taken', email, password },
			mailed.sink.received
		);
		const other = uniqueEmail();
		await signedUpCoach(
			mailed.server,
			{ name: 'Other', email: other, password },
			mailed.sink.received
		);
		const asked = await client.post('/api/account/email', { newEmail: other, password });
		expect(asked.status).toBe(202);
		expect(await asked.json()).toEqual({ status: 'check-email' });
		// A confirmation link would be queued for Tom's account, inside the request.
		expect(queuedFor(email)).toBe(0);
	});
});
