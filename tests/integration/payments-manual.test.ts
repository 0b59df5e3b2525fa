import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, readDb, signupCoach, type Json } from './memberships.helpers';
import { inviteAndAccept, outboxMails, waitFor } from './packages.helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('payments without Stripe: invoices by hand, marked paid, overdue reminders', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	const reminders = (email: string) =>
		outboxMails(server, email).filter((mail) => mail.includes('is overdue'));

	it('reminds the client of an open invoice once, 3 days after it was due, also across restarts', async () => {
		const { client: coach, email: coachEmail } = await signupCoach(server, 'Cora');
		const { client, engagementId } = await inviteAndAccept(server, coach);
		const clientEmail = (await body(await client.get('/api/me'))).user.email as string;
		const invoice = (input: Json, as = coach) =>
			as.post('/api/invoices', {
				engagementId,
				description: 'Four sessions',
				amountCents: 32000,
				currency: 'EUR',
				sessions: 4,
				...input
			});

		// Bad input is refused and nothing is numbered.
		for (const bad of [
			{ amountCents: -1 },
			{ amountCents: 0 },
			{ currency: 'XYZ' },
			{ description: '' }
		]) {
			expect((await invoice(bad)).status).toBe(400);
		}
		const { client: other } = await signupCoach(server, 'Otto');
		expect((await invoice({}, other)).status).toBe(404);
		expect((await invoice({}, client)).status).toBe(403);
		// Without Stripe there are no payment links and no webhook.
		expect((await coach.post('/api/payments/links', { engagementId, packageId: 'x' })).status).toBe(
			503
		);
		expect(
			(await new HttpClient(server.url).post('/api/payments/stripe/webhook', '{}')).status
		).toBe(404);

		const soon = await invoice({ dueInDays: 1 });
		expect(soon.status).toBe(201);
		const due = (await body(soon)).invoice as Json;
		expect(due).toMatchObject({ number: 1, status: 'open', totalCents: 32000 });
		expect((await invoice({ dueInDays: 30 })).status).toBe(201);
		expect(
			((await body(await client.get('/api/invoices'))).invoices as Json[]).map((i) => i.status)
		).toEqual(['open', 'open']);

		// Five days later (the server's clock moved), the first one is 3+ days overdue.
		const fiveDaysLater = { SMTP_URL: '', TANDEM_TEST_CLOCK_OFFSET_MS: String(5 * DAY_MS) };
		await server.stop();
		server = await spawnServer({ dataDir: server.dataDir, env: fiveDaysLater });
		await waitFor(() => reminders(clientEmail).length === 1);
		expect(reminders(clientEmail)[0]).toContain('Reminder: invoice 0001 from Cora is overdue');
		await server.stop();
		server = await spawnServer({ dataDir: server.dataDir, env: fiveDaysLater });
		// A second start has nothing to send: the invoice was marked reminded with the queued email.
		const again = new HttpClient(server.url);
		expect((await again.post('/api/auth/login', { email: coachEmail, password })).status).toBe(200);
		expect(reminders(clientEmail)).toHaveLength(1);
		const queued = readDb(server, (db) =>
			db.prepare("SELECT ref FROM mail_queue WHERE ref LIKE 'invoice-overdue:%'").all()
		);
		expect(queued).toEqual([{ ref: `invoice-overdue:${due.id}` }]);

		const paid = await again.post(`/api/invoices/${due.id}/mark-paid`);
		expect(paid.status).toBe(200);
		expect((await body(paid)).invoice).toMatchObject({ status: 'paid' });
		expect((await again.post(`/api/invoices/${due.id}/mark-paid`)).status).toBe(409);
	});
});
