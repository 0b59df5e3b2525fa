import fs from 'node:fs';
import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/stripe-server';
import { pdfText } from '../helpers/pdf-text';
import { InvitePage } from './pages/client-pages';
import { createPackage, signUpCoach } from './pages/client-setup';
import { waitForInviteToken } from './pages/coach-mail';
import { FakeCheckoutPage, InvoicesPage, PaidInvitePage } from './pages/payment-pages';

test('a client pays on checkout, then gets the invitation, the paid invoice and its PDF', async ({
	browser,
	paidServer
}) => {
	test.setTimeout(120_000);
	const coachContext = await browser.newContext({ baseURL: paidServer.url });
	const clientContext = await browser.newContext({ baseURL: paidServer.url });
	await signUpCoach(coachContext.request, paidServer, {
		name: 'Carla Coach',
		email: 'carla@example.com',
		password: 'correct-horse-9'
	});
	await createPackage(coachContext.request, { name: 'Six séances', sessionsTotal: 6 });

	const coachPage = await coachContext.newPage();
	const invite = new PaidInvitePage(coachPage);
	await invite.goto();
	await expectNoA11yViolations(coachPage);
	const checkoutUrl = await invite.create({
		name: 'Zoë Müller',
		email: 'zoe@example.com',
		pkg: 'Six séances'
	});
	await expect(
		coachPage.getByText('The invitation email goes out as soon as the payment succeeds')
	).toBeVisible();

	// The client pays on the (fake) Stripe page; the redirect back changes nothing by itself.
	const clientPage = await clientContext.newPage();
	await clientPage.goto(checkoutUrl);
	await new FakeCheckoutPage(clientPage).pay.click();
	await expect(clientPage.getByRole('heading', { name: 'Thank you' })).toBeVisible();

	// The webhook settled it, so the invitation went out.
	const token = await waitForInviteToken(paidServer, 'zoe@example.com');
	const accept = new InvitePage(clientPage);
	expect(await accept.open(`/invite/${token}`)).toBe(200);
	await accept.createAccount({ password: 'zoe-password-1' });
	await expect(clientPage.getByRole('heading', { name: 'How Tandem works' })).toBeVisible();

	const invoices = new InvoicesPage(clientPage, '/client/invoices');
	await invoices.goto();
	const row = invoices.row('0001');
	await expect(row).toContainText('Paid');
	await expect(row).toContainText('480.00');
	await expectNoA11yViolations(clientPage);
	const download = clientPage.waitForEvent('download');
	await invoices.pdfLink('0001').click();
	const file = await (await download).path();
	const text = pdfText(new Uint8Array(fs.readFileSync(file)));
	expect(text).toContain('Invoice 0001');
	expect(text).toContain('From: Carla Coach <carla@example.com>');
	expect(text).toContain('To: Zoë Müller <zoe@example.com>');
	expect(text).toContain('Six séances (6 sessions)');
	expect(text).toContain('Total: €480.00');

	// The coach sees the same invoice in their list, with the client's name.
	const coachInvoices = new InvoicesPage(coachPage, '/coach/invoices');
	await coachInvoices.goto();
	await expect(coachInvoices.row('0001')).toContainText('Paid');
	await expect(coachInvoices.row('0001')).toContainText('Zoë Müller');

	// A full refund, with the sessions taken back, produces a credit note both sides see.
	await coachInvoices.refund('0001', 6);
	await expect(coachInvoices.creditNotes.getByRole('row', { name: /0001/ })).toContainText(
		'480.00'
	);
	await expect(coachInvoices.row('0001')).toContainText('Refunded');
	await invoices.goto();
	await expect(invoices.row('0001')).toContainText('Refunded');
	await expect(invoices.creditNotes).toContainText('0001');
	await expectNoA11yViolations(clientPage);
});
