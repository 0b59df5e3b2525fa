import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPurchases } from '../../src/lib/docs/subscription-purchases';
import type { Json } from './memberships.helpers';
import { inviteLinkIn } from '../../src/lib/server/mail/smtp-sink.testing';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe';
import { HttpClient } from '../helpers/http-client';
import { pdfText } from '../helpers/pdf-text';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, readDb, signupCoach } from './memberships.helpers';
import { createPackage, openSynced, outboxMails, sixSessions, waitFor } from './packages.helpers';
import { paid, paidInvite, paymentRows, stripeEnv, webhookUrl } from './payments.helpers';

describe('payments: Stripe checkout, webhook, invoices', () => {
	let fake: FakeStripe;
	let server: RunningServer;

	beforeAll(async () => {
		fake = await startFakeStripe();
		server = await spawnServer({ env: stripeEnv(fake) });
		fake.webhookUrl = webhookUrl(server);
	});
	afterAll(async () => {
		await server?.stop();
		await fake?.close();
	});

	async function accept(email: string): Promise<HttpClient> {
		const mails = outboxMails(server, email);
		expect(mails).toHaveLength(1);
		const token = inviteLinkIn(mails[0]!).split('/invite/')[1]!;
		const client = new HttpClient(server.url);
		expect((await client.post(`/api/invites/${token}/accept`, { password })).status).toBe(201);
		return client;
	}

	it('a client invited on payment pays, then gets the invitation, the invoice and its PDF', async () => {
		const { client: coach } = await signupCoach(server, 'Cora Ćoach');
		const pkg = await createPackage(coach, { ...sixSessions, name: 'Six séances' });
		const { email, engagementId, session } = await paidInvite(coach, fake, pkg.id);
		expect(session).toMatchObject({ amount_total: 45000, currency: 'eur', customer_email: email });
		// No invitation before the money is there.
		expect(outboxMails(server, email)).toHaveLength(0);

		// The hosted page "pays": the fake sends the signed event, then redirects back.
		const paidPage = await fetch(session.url, { method: 'POST', redirect: 'manual' });
		expect(paidPage.status).toBe(303);
		expect(paidPage.headers.get('location')).toBe(`${server.url}/payments/complete`);
		const client = await accept(email);

		const clientList = (await body(await client.get('/api/invoices'))).invoices;
		const me = (await body(await client.get('/api/me'))).user;
		expect(clientList).toEqual([
			{
				id: expect.any(String),
				number: 1,
				status: 'paid',
				totalCents: 45000,
				currency: 'EUR',
				clientId: me.id,
				issuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				dueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				pdfUrl: `/api/invoices/${clientList[0].id}/pdf`
			}
		]);
		expect((await body(await coach.get('/api/invoices'))).invoices).toEqual(clientList);

		for (const who of [client, coach]) {
			const pdf = await who.get(clientList[0].pdfUrl);
			expect(pdf.status).toBe(200);
			expect(pdf.headers.get('content-type')).toBe('application/pdf');
			const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
			expect(text).toContain('Invoice 0001');
			expect(text).toContain('Cora Ćoach');
			expect(text).toContain('Zoë Müller');
			expect(text).toContain('Six séances (6 sessions)');
			expect(text).toContain('Total: €450.00');
		}

		// The purchase is in the engagement's sub: document, for both sides, offline too.
		const synced = await openSynced(server, `sub:${engagementId}`, client);
		expect(listPurchases(synced.doc)).toEqual([
			expect.objectContaining({
				sessions: 6,
				priceCents: 45000,
				currency: 'EUR',
				complimentary: false
			})
		]);
		synced.destroy();

		// Nobody else sees it: another coach, a stranger, nobody signed in.
		const { client: other } = await signupCoach(server, 'Otto');
		expect((await body(await other.get('/api/invoices'))).invoices).toEqual([]);
		expect((await other.get(clientList[0].pdfUrl)).status).toBe(404);
		expect((await new HttpClient(server.url).get(clientList[0].pdfUrl)).status).toBe(401);
		expect((await new HttpClient(server.url).get('/api/invoices')).status).toBe(401);
	});

	it('refunds through Stripe produce credit notes, and give sessions back only when asked', async () => {
		const { client: coach } = await signupCoach(server, 'Cora Ćoach');
		const pkg = await createPackage(coach);
		const { email, engagementId, session } = await paidInvite(coach, fake, pkg.id);
		expect((await fetch(session.url, { method: 'POST', redirect: 'manual' })).status).toBe(303);
		const client = await accept(email);
		const [invoice] = (await body(await coach.get('/api/invoices'))).invoices as Json[];
		const refund = (input: unknown, as = coach) =>
			as.post(`/api/invoices/${invoice!.id}/refund`, input);

		const { client: other } = await signupCoach(server, 'Otto');
		expect((await refund({ amountCents: 100 }, other)).status).toBe(404);
		expect((await refund({ amountCents: 100 }, client)).status).toBe(403);
		for (const bad of [
			{ amountCents: -100 },
			{ amountCents: 1.5 },
			{},
			{ amountCents: 100, sessionsRemoved: -1 }
		]) {
			expect((await refund(bad)).status).toBe(400);
		}
		expect((await refund({ amountCents: 45001 })).status).toBe(400);
		expect(fake.refunds).not.toContainEqual(
			expect.objectContaining({ payment_intent: session.payment_intent })
		);

		const partial = await refund({ amountCents: 10000 });
		expect(partial.status).toBe(201);
		expect((await body(partial)).creditNote).toMatchObject({
			number: 1,
			amountCents: 10000,
			sessionsRemoved: 0
		});
		expect(fake.refunds.filter((r) => r.payment_intent === session.payment_intent)).toEqual([
			expect.objectContaining({ amount: 10000 })
		]);
		expect((await refund({ amountCents: 35001 })).status).toBe(400);
		const rest = await refund({ amountCents: 35000, sessionsRemoved: 6 });
		expect(rest.status).toBe(201);
		expect((await refund({ amountCents: 1 })).status).toBe(409);

		const invoices = (await body(await client.get('/api/invoices'))).invoices as Json[];
		expect(invoices.map((i) => i.status)).toEqual(['refunded']);
		const notes = (await body(await client.get('/api/credit-notes'))).creditNotes as Json[];
		expect(notes.map((n) => [n.number, n.amountCents, n.sessionsRemoved])).toEqual([
			[2, 35000, 6],
			[1, 10000, 0]
		]);
		expect((await body(await other.get('/api/credit-notes'))).creditNotes).toEqual([]);
		expect((await other.get(notes[1]!.pdfUrl)).status).toBe(404);
		const pdf = await client.get(notes[1]!.pdfUrl);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
		expect(text).toContain('Credit note 0001');
		expect(text).toContain('Corrects invoice 0001');
		expect(text).toContain('Total: -€100.00');

		const synced = await openSynced(server, `sub:${engagementId}`, coach);
		expect(listPurchases(synced.doc)).toEqual([
			expect.objectContaining({ priceCents: 45000, refundedCents: 45000, sessions: 0 })
		]);
		synced.destroy();
	});

	it('"Pay now" on an invoice written by hand settles that invoice, for its client only', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { email, engagementId, session } = await paidInvite(coach, fake, pkg.id);
		await fetch(session.url, { method: 'POST', redirect: 'manual' });
		const client = await accept(email);
		const written = await coach.post('/api/invoices', {
			engagementId,
			description: 'Two extra sessions',
			amountCents: 15000,
			currency: 'EUR',
			sessions: 2
		});
		const open = (await body(written)).invoice as Json;
		expect(open).toMatchObject({ number: 2, status: 'open' });

		const { client: other } = await signupCoach(server, 'Otto');
		expect((await other.post(`/api/invoices/${open.id}/checkout`)).status).toBe(404);
		const link = await client.post(`/api/invoices/${open.id}/checkout`);
		expect(link.status).toBe(201);
		const url = (await body(link)).link.url as string;
		expect(fake.sessions.get(url.split('/').pop()!)).toMatchObject({ amount_total: 15000 });
		expect((await fetch(url, { method: 'POST', redirect: 'manual' })).status).toBe(303);

		const invoices = (await body(await client.get('/api/invoices'))).invoices as Json[];
		expect(invoices.map((i) => [i.number, i.status])).toEqual([
			[2, 'paid'],
			[1, 'paid']
		]);
		expect((await client.post(`/api/invoices/${open.id}/checkout`)).status).toBe(409);
		const synced = await openSynced(server, `sub:${engagementId}`, coach);
		expect(listPurchases(synced.doc).map((p) => [p.sessions, p.priceCents])).toEqual([
			[6, 45000],
			[2, 15000]
		]);
		synced.destroy();
	});

	it('a missing, wrong or tampered signature is a 400 and changes nothing', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { email, session } = await paidInvite(coach, fake, pkg.id);
		const before = paymentRows(server);
		const payload = fake.event('checkout.session.completed', paid(session));

		const noHeader = await fake.deliver(payload, { signature: null });
		const wrongSecret = await fake.deliver(payload, {
			signature: fake.sign(payload, 'whsec_other')
		});
		const tampered = await fake.deliver(
			payload.replace('"amount_total":45000', '"amount_total":1'),
			{
				signature: fake.sign(payload)
			}
		);
		for (const response of [noHeader, wrongSecret, tampered]) {
			expect(response.status).toBe(400);
			expect((await body(response)).code).toBe('invalid-input');
		}
		expect(paymentRows(server)).toEqual(before);
		expect(outboxMails(server, email)).toHaveLength(0);

		const real = await fake.deliver(payload);
		expect(real.status).toBe(200);
		expect((await body(real)).outcome).toBe('settled');
	});

	it('a duplicated event changes nothing; late or out-of-order events never undo a payment', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const first = await paidInvite(coach, fake, pkg.id);
		const completed = fake.event('checkout.session.completed', paid(first.session));
		expect((await body(await fake.deliver(completed))).outcome).toBe('settled');
		const before = paymentRows(server);
		expect((await body(await fake.deliver(completed))).outcome).toBe('duplicate');
		// A different event about the same, already paid session (Stripe sends several).
		const again = fake.event('checkout.session.completed', paid(first.session));
		expect((await body(await fake.deliver(again))).outcome).toBe('duplicate');
		const expired = fake.event('checkout.session.expired', { ...first.session, status: 'expired' });
		expect((await body(await fake.deliver(expired))).outcome).toBe('ignored');
		expect(paymentRows(server)).toEqual({ ...before, events: before.events + 2 });
		expect(outboxMails(server, first.email)).toHaveLength(1);

		// A delayed payment method: "completed but unpaid", then "succeeded", delivered reversed.
		const second = await paidInvite(coach, fake, pkg.id);
		const unpaid = fake.event('checkout.session.completed', second.session);
		const succeeded = fake.event('checkout.session.async_payment_succeeded', paid(second.session));
		expect((await body(await fake.deliver(succeeded))).outcome).toBe('settled');
		expect((await body(await fake.deliver(unpaid))).outcome).toBe('ignored');
		const invoices = (await body(await coach.get('/api/invoices'))).invoices;
		expect(invoices.map((i: { number: number; status: string }) => [i.number, i.status])).toEqual([
			[2, 'paid'],
			[1, 'paid']
		]);

		// An event Tandem does not use is still a 2xx, so Stripe stops retrying it.
		const other = JSON.stringify({
			id: 'evt_other_1',
			object: 'event',
			type: 'customer.created',
			data: { object: {} }
		});
		expect((await body(await fake.deliver(other))).outcome).toBe('ignored');
	});

	it('an event for another coach, another amount or an unknown session settles nothing', async () => {
		const { client: cora } = await signupCoach(server, 'Cora');
		const { user: otto } = await signupCoach(server, 'Otto');
		const pkg = await createPackage(cora);
		const { email, session } = await paidInvite(cora, fake, pkg.id);
		const before = paymentRows(server);
		const forged = [
			paid(session, { metadata: { ...session.metadata, coachId: otto.id } }),
			paid(session, { amount_total: -45000 }),
			paid(session, { amount_total: 1 }),
			paid(session, { currency: 'xyz' }),
			paid(session, { id: 'cs_test_unknown' })
		];
		for (const forgedSession of forged) {
			const response = await fake.deliver(fake.event('checkout.session.completed', forgedSession));
			expect(response.status).toBe(200);
			expect((await body(response)).outcome).toBe('ignored');
		}
		expect(paymentRows(server)).toEqual({ ...before, events: before.events + forged.length });
		expect(outboxMails(server, email)).toHaveLength(0);
	});

	it('refuses links for free packages, unknown currencies, foreign packages and engagements', async () => {
		const { client: coach } = await signupCoach(server);
		const { client: other } = await signupCoach(server, 'Otto');
		expect((await coach.post('/api/packages', { ...sixSessions, priceCents: -1 })).status).toBe(
			400
		);
		const free = await createPackage(coach, { ...sixSessions, priceCents: 0 });
		// An unknown currency never reaches a payment link: the catalogue refuses it (ISO 4217).
		const odd = await coach.post('/api/packages', { ...sixSessions, currency: 'XYZ' });
		expect(odd.status).toBe(400);
		expect((await body(odd)).error).toMatch(/currency/i);
		const invite = (pkgId: string, as = coach) =>
			as.post('/api/payments/invites', { name: 'N', email: 'n@example.com', packageId: pkgId });
		const free400 = await invite(free.id);
		expect(free400.status).toBe(400);
		expect((await body(free400)).error).toMatch(/free/);
		const good = await createPackage(coach);
		expect((await invite(good.id, other)).status).toBe(400);

		const { engagementId } = await paidInvite(coach, fake, good.id);
		expect(
			(await other.post('/api/payments/links', { engagementId, packageId: good.id })).status
		).toBe(404);
		expect((await coach.post('/api/payments/links', { engagementId })).status).toBe(400);
		const renewal = await coach.post('/api/payments/links', { engagementId, packageId: good.id });
		expect(renewal.status).toBe(201);
		expect((await new HttpClient(server.url).post('/api/payments/links', {})).status).toBe(401);
	});

	it('concurrent sales of one coach get distinct, gapless invoice numbers', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const sales = [];
		for (let i = 0; i < 8; i++) {
			sales.push(await paidInvite(coach, fake, pkg.id));
		}
		const responses = await Promise.all(
			sales.map((sale) =>
				fake.deliver(fake.event('checkout.session.completed', paid(sale.session)))
			)
		);
		expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
		const numbers = (await body(await coach.get('/api/invoices'))).invoices
			.map((i: { number: number }) => i.number)
			.sort((a: number, b: number) => a - b);
		expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('a payment whose webhook arrives after a restart still settles and sends the invitation', async () => {
		const { client: coach, email: coachEmail } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { email, session } = await paidInvite(coach, fake, pkg.id);
		await server.kill();
		server = await spawnServer({ dataDir: server.dataDir, env: stripeEnv(fake) });
		fake.webhookUrl = webhookUrl(server);

		const paidPage = await fetch(session.url, { method: 'POST', redirect: 'manual' });
		expect(paidPage.status).toBe(303);
		await waitFor(() => outboxMails(server, email).length === 1);
		const again = new HttpClient(server.url);
		expect((await again.post('/api/auth/login', { email: coachEmail, password })).status).toBe(200);
		const invoices = (await body(await again.get('/api/invoices'))).invoices;
		expect(invoices).toEqual([expect.objectContaining({ number: 1, status: 'paid' })]);
		const stored = readDb(server, (db) =>
			db
				.prepare('SELECT status, invite_sent_at FROM checkouts WHERE stripe_session_id = ?')
				.get(session.id)
		);
		expect(stored).toEqual({ status: 'paid', invite_sent_at: expect.any(Number) });
	});
});
