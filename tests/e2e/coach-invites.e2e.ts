import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { listInvites, signUpCoach, waitForInviteToken, inviteLinksFor } from './pages/coach-mail';
import { BulkInvitePage, CoachClientsPage, InvitePage } from './pages/coach-pages';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

test('a single invitation (with a package) is emailed with its link and shows as pending', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	const created = await coach.request.post('/api/packages', {
		data: {
			name: 'Starter',
			sessionsTotal: 6,
			sessionMinutes: 60,
			priceCents: 48000,
			currency: 'EUR',
			noShowConsumesSession: true
		}
	});
	expect(created.status()).toBe(201);
	const page = await coach.newPage();
	const invite = new InvitePage(page);
	await invite.goto();
	await expect(
		page.getByLabel('Package (optional)').locator('option', { hasText: 'Starter' })
	).toHaveCount(1);
	await expectNoA11yViolations(page);
	await invite.invite({
		name: 'Ada Lovelace',
		email: 'Ada@Example.com',
		clientType: 'Individual',
		message: 'Looking forward to working with you.',
		pkg: 'Starter'
	});

	const clients = new CoachClientsPage(page);
	await clients.expectStatus('Ada Lovelace', 'Pending acceptance');
	await expectNoA11yViolations(page);

	const token = await waitForInviteToken(ownServer, 'ada@example.com');
	const link = await coach.request.get(`/api/invites/${token}`);
	expect(link.status()).toBe(200);
	expect(((await link.json()) as { invite: { name: string } }).invite.name).toBe('Ada Lovelace');
	expect(await listInvites(coach.request)).toHaveLength(1);
});

test('a bulk list is previewed (invalid, duplicate, already invited) and only valid rows are sent', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	await coach.request.post('/api/invites', {
		data: { name: 'Existing', email: 'existing@example.com' }
	});
	const page = await coach.newPage();
	const clients = new CoachClientsPage(page);
	await clients.goto();
	await clients.expectStatus('Existing', 'Pending acceptance');

	const bulk = new BulkInvitePage(page);
	await page.getByRole('link', { name: 'Invite a list' }).click();
	await expect(bulk.text).toBeVisible();
	await expectNoA11yViolations(page);
	// An upload: BOM, header row, semicolons and a quoted field, as spreadsheets export it.
	const csv = [
		'\uFEFFName;Email',
		'"Bulk, Bea";bea@example.com',
		'Cal Bulk;cal@example.com',
		'',
		'No Email;',
		'Bad Address;not-an-email',
		'Bea Again;BEA@example.com',
		'Someone;existing@example.com'
	].join('\r\n');
	await bulk.file.setInputFiles({
		name: 'clients.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(bulk.rowsWith('valid')).toHaveCount(2);
	await expect(bulk.rowsWith('invalid')).toHaveCount(2);
	await expect(bulk.rowsWith('duplicate')).toHaveCount(1);
	await expect(bulk.rowsWith('existing')).toHaveCount(1);
	await expect(bulk.rowsWith('invalid').first()).toContainText('No email address');
	await expect(bulk.rowsWith('duplicate')).toContainText('Same email as line 2');
	await expectNoA11yViolations(page);
	await expect(bulk.send).toHaveText('Send 2 invitations');
	await bulk.send.click();

	await expect(page).toHaveURL(/\/coach$/);
	await clients.expectStatus('Bulk, Bea', 'Pending acceptance');
	await clients.expectStatus('Cal Bulk', 'Pending acceptance');
	await expect.poll(async () => (await listInvites(coach.request)).length).toBe(3);
	const emails = (await listInvites(coach.request)).map((i) => i.email).toSorted();
	expect(emails).toEqual(['bea@example.com', 'cal@example.com', 'existing@example.com']);
});

test('a list of bare addresses: one already invited says so, a new one gets a name from its address that the coach corrects before sending', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	await coach.request.post('/api/invites', {
		data: { name: 'Existing', email: 'existing@example.com' }
	});
	const page = await coach.newPage();
	const clients = new CoachClientsPage(page);
	await clients.goto();
	await clients.expectStatus('Existing', 'Pending acceptance');
	const bulk = new BulkInvitePage(page);
	await bulk.goto();
	await bulk.text.fill('existing@example.com\ndee.dale@example.com');
	await expect(bulk.rowsWith('existing')).toContainText('Already invited');
	await expect(bulk.rowsWith('invalid')).toHaveCount(0);
	const name = bulk.preview.getByRole('textbox', { name: 'Name for dee.dale@example.com' });
	await expect(name).toHaveValue('Dee Dale');
	await name.fill('Deirdre Dale');
	await expect(bulk.rowsWith('valid')).toHaveCount(1);
	await expectNoA11yViolations(page);
	await expect(bulk.send).toHaveText('Send 1 invitation');
	await bulk.send.click();
	await expect(page).toHaveURL(/\/coach$/);
	await clients.expectStatus('Deirdre Dale', 'Pending acceptance');
	const invites = await listInvites(coach.request);
	expect(invites.map((i) => i.email).toSorted()).toEqual([
		'dee.dale@example.com',
		'existing@example.com'
	]);
});

test('the coach resends selected invitations and revokes one; the revoked link is gone', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	for (const [name, email] of [
		['Dan Dare', 'dan@example.com'],
		['Eve Early', 'eve@example.com']
	]) {
		const response = await coach.request.post('/api/invites', { data: { name, email } });
		expect(response.status()).toBe(201);
	}
	const firstDan = await waitForInviteToken(ownServer, 'dan@example.com');
	await waitForInviteToken(ownServer, 'eve@example.com');

	const page = await coach.newPage();
	const clients = new CoachClientsPage(page);
	await clients.goto();
	await clients.expectStatus('Dan Dare', 'Pending acceptance');
	await clients.search.fill('dan');
	await expect(page.getByRole('listitem', { name: 'Eve Early' })).toHaveCount(0);
	await clients.search.fill('');
	await clients.statusFilter.selectOption('pending');
	await clients.selectAll.check();
	await expect(clients.resendSelected).toHaveText('Resend selected (2)');
	await clients.resendSelected.click();
	await expect(clients.notice).toHaveText('2 invitations sent again.');
	await expectNoA11yViolations(page);

	// A resend mails a new link and the old one stops working.
	const dan = await waitForInviteToken(ownServer, 'dan@example.com', 2);
	const eve = await waitForInviteToken(ownServer, 'eve@example.com', 2);
	expect(dan).not.toBe(firstDan);
	expect((await coach.request.get(`/api/invites/${firstDan}`)).status()).toBe(404);
	expect((await coach.request.get(`/api/invites/${dan}`)).status()).toBe(200);

	await clients.revoke('Eve Early');
	await expect(clients.notice).toHaveText('The invitation to Eve Early is revoked.');
	await clients.statusFilter.selectOption('all');
	await clients.expectStatus('Eve Early', 'Ended');
	expect((await coach.request.get(`/api/invites/${eve}`)).status()).toBe(410);
	expect(inviteLinksFor(ownServer, 'eve@example.com')).toHaveLength(2);
	await expectNoA11yViolations(page);
});

test('an invitation made while the server is down waits on the device and is sent after restart', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const coach = await signUpCoach(browser, ownServer);
	const page = await coach.newPage();
	const clients = new CoachClientsPage(page);
	await clients.goto();
	await waitForServiceWorkerControl(page);
	await page.getByRole('link', { name: 'Invite a client' }).click();
	await expect(page.getByRole('heading', { name: 'Invite a client' })).toBeVisible();

	await ownServer.stop();
	await new InvitePage(page).invite({ name: 'Olga Offline', email: 'olga@example.com' });
	await clients.expectStatus('Olga Offline', 'Waiting to send');
	await expect(clients.row('Olga Offline')).toContainText(
		'sent as soon as the server can be reached'
	);
	await expectNoA11yViolations(page);

	// Still there after a reload with the server down: it lives in this device's outbox.
	await page.reload();
	await clients.expectStatus('Olga Offline', 'Waiting to send');

	// The outbox retries with backoff (2 s, 4 s, 8 s …): allow for one long wait.
	await ownServer.restart();
	await clients.expectStatus('Olga Offline', 'Pending acceptance', 60_000);
	const token = await waitForInviteToken(ownServer, 'olga@example.com');
	expect((await coach.request.get(`/api/invites/${token}`)).status()).toBe(200);
	const invites = await listInvites(coach.request);
	expect(invites.map((i) => i.email)).toEqual(['olga@example.com']);
});
