import { beforeAll, describe, expect, it } from 'vitest';
import { signInPolicy } from '../../src/lib/server/auth/sign-in-guard';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
import { mailedConfirmation, signUpCoach } from '../helpers/sign-up';
import { waitForMail } from '../helpers/wait-for-mail';

// The client address comes from X-Forwarded-For here, so one test can sign in from many places.
const mailed = mailedServer({ startServer: false });
beforeAll(async () => {
	await mailed.start({ env: { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' } });
});

const password = 'correct-horse-9';
let counter = 0;
const uniqueEmail = (who: string) => `${who}${++counter}-${Date.now()}@example.com`;

async function signupCoach(name: string): Promise<string> {
	const email = uniqueEmail(name.toLowerCase());
	const response = await signUpCoach(
		new HttpClient(mailed.server.url),
		{ name, email, password },
		mailedConfirmation(mailed.sink.received)
	);
	expect(response.status).toBe(201);
	return email;
}

function login(email: string, pass: string, from: string) {
	return new HttpClient(mailed.server.url).post(
		'/api/auth/login',
		{ email, password: pass },
		{ 'x-forwarded-for': from }
	);
}

const subject = 'Subject: Failed sign-in attempts on your Tandem account';
const burstMailsTo = (email: string) =>
	mailed.sink.received.filter((mail) => mail.to.includes(email) && mail.raw.includes(subject));

describe('sign-in throttling', () => {
	it('slows guesses at one account from one address; the owner elsewhere and other accounts there sign in', async () => {
		const owner = await signupCoach('Olga');
		const neighbour = await signupCoach('Nils');
		for (let i = 0; i < signInPolicy.freeFailures; i++) {
			expect((await login(owner, 'wrong-guess', '203.0.113.1')).status).toBe(401);
		}
		// Even the right password waits from there: a guesser must not learn it is right.
		const slowed = await login(owner, password, '203.0.113.1');
		expect(slowed.status).toBe(429);
		const retryAfter = Number(slowed.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(signInPolicy.baseDelayMs / 1000);
		expect(await slowed.json()).toMatchObject({
			error: expect.stringMatching(/^Too many failed sign-in attempts from here\. Try again in /)
		});

		expect((await login(owner, password, '198.51.100.7')).status).toBe(200);
		expect((await login(neighbour, password, '203.0.113.1')).status).toBe(200);
	});

	it('an address trying many accounts is refused, but not for accounts that signed in from there', async () => {
		const regular = await signupCoach('Rita');
		const newcomer = await signupCoach('Nora');
		const office = '192.0.2.44';
		expect((await login(regular, password, office)).status).toBe(200);
		// Credential stuffing from the office's shared address: made-up accounts, in parallel.
		const stuffing = Array.from({ length: signInPolicy.addressFailures }, (_, i) =>
			login(uniqueEmail(`stuffed${i}-`), 'wrong-guess', office)
		);
		for (const response of await Promise.all(stuffing)) {
			expect(response.status).toBe(401);
		}
		expect((await login(regular, password, office)).status).toBe(200);
		const refused = await login(newcomer, password, office);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await login(newcomer, password, '192.0.2.45')).status).toBe(200);
	});

	it('emails the owner once per burst of failures, wherever they come from', async () => {
		const owner = await signupCoach('Bea');
		const fail = (email: string, times: number, prefix: string) =>
			Promise.all(
				Array.from({ length: times }, (_, i) => login(email, 'wrong-guess', `${prefix}.${i}`))
			);
		await fail(owner, signInPolicy.burstFailures, '198.18.0');
		const [warning] = await waitForMail(mailed.sink.received, (m) =>
			burstMailsTo(owner).includes(m)
		);
		expect(warning!.raw).toContain(`${signInPolicy.burstFailures} times`);
		// The burst goes on: no second email for it. A burst on another account afterwards is the
		// barrier: once its email arrived, one more for the owner would have been queued before it.
		await fail(owner, 5, '198.18.1');
		const other = await signupCoach('Ben');
		await fail(other, signInPolicy.burstFailures, '198.18.2');
		await waitForMail(mailed.sink.received, (m) => burstMailsTo(other).includes(m));
		expect(burstMailsTo(owner)).toHaveLength(1);
		// The owner can still sign in from anywhere new.
		expect((await login(owner, password, '198.18.3.1')).status).toBe(200);
	});
});
