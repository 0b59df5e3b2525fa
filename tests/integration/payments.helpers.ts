import { expect } from 'vitest';
import type { FakeSession, FakeStripe } from '../helpers/fake-stripe';
import type { HttpClient } from '../helpers/http-client';
import type { RunningServer } from '../helpers/spawn-server';
import { body, readDb, uniqueEmail, type Json } from './memberships.helpers';

/** Env that points a spawned server at the fake Stripe (and writes mail to its outbox). */
export function stripeEnv(fake: FakeStripe): Record<string, string> {
	return {
		SMTP_URL: '',
		STRIPE_SECRET_KEY: fake.secretKey,
		STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
		STRIPE_API_URL: fake.url
	};
}

export const webhookUrl = (server: RunningServer) => `${server.url}/api/payments/stripe/webhook`;

/** Invites a fresh email whose invitation waits for payment; returns the link and the session. */
export async function paidInvite(
	coach: HttpClient,
	fake: FakeStripe,
	packageId: string
): Promise<{ email: string; engagementId: string; checkoutId: string; session: FakeSession }> {
	const email = uniqueEmail('payer');
	const response = await coach.post('/api/payments/invites', {
		name: 'Zoë Müller',
		email,
		packageId
	});
	expect(response.status).toBe(201);
	const { link } = await body(response);
	const sessionId = new URL(link.url as string).pathname.split('/').pop() ?? '';
	const session = fake.sessions.get(sessionId);
	if (!session) {
		throw new Error(`the fake has no session ${sessionId}`);
	}
	return { email, engagementId: link.engagementId, checkoutId: link.checkoutId, session };
}

/** What a paid session looks like in Stripe's completed event. */
export function paid(session: FakeSession, patch: Partial<FakeSession> = {}): FakeSession {
	return {
		...session,
		status: 'complete',
		payment_status: 'paid',
		payment_intent: `pi_${session.id}`,
		...patch
	};
}

/** Rows that a settled (or wrongly settled) payment would have written. */
export function paymentRows(server: RunningServer): Json {
	return readDb(server, (db) => ({
		events: (db.prepare('SELECT COUNT(*) AS n FROM stripe_events').get() as Json).n,
		invoices: (db.prepare('SELECT COUNT(*) AS n FROM invoices').get() as Json).n,
		payments: (db.prepare('SELECT COUNT(*) AS n FROM payments').get() as Json).n,
		paidCheckouts: (
			db.prepare("SELECT COUNT(*) AS n FROM checkouts WHERE status = 'paid'").get() as Json
		).n
	}));
}
