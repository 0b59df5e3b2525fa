import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
import { mailedConfirmation, signUpCoach } from '../helpers/sign-up';
import { waitForMail } from '../helpers/wait-for-mail';

const mailed = mailedServer();
const password = 'correct-horse-9';
let counter = 0;
const uniqueEmail = () => `owner${++counter}-${Date.now()}@example.com`;

describe('sign-up does not reveal accounts; the address owner is told', () => {
	it('a new address gets a confirmation link; a taken one gets a notice and no link', async () => {
		const email = uniqueEmail();
		const owner = await signUpCoach(
			new HttpClient(mailed.server.url),
			{ name: 'Olive Owner', email, password },
			mailedConfirmation(mailed.sink.received)
		);
		expect(owner.status).toBe(201);

		const attempt = await new HttpClient(mailed.server.url).post('/api/auth/signup', {
			name: 'Mallory',
			email: email.toUpperCase(),
			password: 'mallory-pass-1'
		});
		expect(attempt.status).toBe(202);
		expect(await attempt.json()).toEqual({ status: 'check-email' });
		const [notice] = await waitForMail(mailed.sink.received, (mail) =>
			mail.raw.includes('Subject: Someone tried to sign up to Tandem with your email')
		);
		expect(notice!.to).toEqual([email]);
		const text = decodeQuotedPrintable(notice!.raw);
		expect(text).toContain('Olive Owner');
		expect(text).toContain(`${mailed.server.url}/login`);
		expect(text).not.toMatch(/signup\/confirm/);
		// The owner's account is untouched: their password still signs in, Mallory's does not.
		const login = (pass: string) =>
			new HttpClient(mailed.server.url).post('/api/auth/login', { email, password: pass });
		expect((await login(password)).status).toBe(200);
		expect((await login('mallory-pass-1')).status).toBe(401);
	});
});
