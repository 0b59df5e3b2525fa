import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { signUpCoach } from './pages/coach-mail';
import { choosePackage, CoachClientsPage, PackagesPage } from './pages/coach-pages';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

test('the coach creates, edits and archives packages; offline the list is read-only', async ({
	browser,
	ownServer
}) => {
	const coach = await signUpCoach(browser, ownServer);
	const page = await coach.newPage();
	const packages = new PackagesPage(page);
	await packages.goto();
	await expect(page.getByText('No packages yet.')).toBeVisible();
	await expectNoA11yViolations(page);

	await packages.create({
		name: 'Starter',
		sessions: 6,
		minutes: 60,
		price: '480',
		currency: 'eur',
		noShow: true
	});
	await expect(packages.card('Starter')).toContainText('6 sessions × 60 min');
	await expect(packages.card('Starter')).toContainText('480.00');
	await expectNoA11yViolations(page);

	await page.getByRole('button', { name: 'Edit Starter' }).click();
	await expectNoA11yViolations(page);
	await packages.fill({ name: 'Starter plus', sessions: 8, price: '560.50', noShow: false });
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(packages.card('Starter plus')).toContainText('8 sessions × 60 min');
	await expect(packages.card('Starter plus')).toContainText('does not use up a session');
	const listed = (await (await coach.request.get('/api/packages')).json()) as {
		packages: { name: string; sessionsTotal: number; priceCents: number; currency: string }[];
	};
	expect(listed.packages).toMatchObject([
		{ name: 'Starter plus', sessionsTotal: 8, priceCents: 56050, currency: 'EUR' }
	]);

	await packages.create({
		name: 'Single',
		sessions: 1,
		minutes: 90,
		price: '100',
		currency: 'EUR',
		noShow: true
	});
	await page.getByRole('button', { name: 'Archive Starter plus' }).click();
	await expect(packages.card('Starter plus')).toHaveCount(0);
	const after = (await (await coach.request.get('/api/packages')).json()) as {
		packages: { name: string }[];
	};
	expect(after.packages.map((p) => p.name)).toEqual(['Single']);

	// Offline: the last list, read-only, with a clear note.
	await waitForServiceWorkerControl(page);
	await ownServer.stop();
	await page.reload();
	await expect(page.getByText(/You are offline\. Packages are kept on the server/)).toBeVisible();
	await expect(packages.card('Single')).toBeVisible();
	await expect(page.getByRole('button', { name: 'New package' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Edit Single' })).toHaveCount(0);
	await expectNoA11yViolations(page);
});

test('assigning a package to an active client shows on the client page and in the list', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	const created = await practice.coach.request.post('/api/packages', {
		data: {
			name: 'Ten sessions',
			sessionsTotal: 10,
			sessionMinutes: 45,
			priceCents: 30000,
			currency: 'EUR',
			noShowConsumesSession: false
		}
	});
	expect(created.status()).toBe(201);
	const page = await practice.coach.newPage();
	await page.goto(`/coach/clients/${practice.engagementId}`);
	await expect(page.getByRole('heading', { name: practice.clientName, level: 1 })).toBeVisible();
	await expect(page.getByText('No package assigned.')).toBeVisible();
	await expect(page.getByRole('tab')).toHaveText(['Chat', 'Notes', 'Goals', 'Sessions', 'Book']);
	await expectNoA11yViolations(page);

	await choosePackage(page.getByLabel('Package', { exact: true }), 'Ten sessions');
	await page.getByRole('button', { name: 'Assign package' }).click();
	await expect(page.getByText('Package assigned. No payment is taken.')).toBeVisible();
	// Coming back to the page, the select shows the package that is assigned, not "No package".
	await page.reload();
	await expect(page.getByLabel('Package', { exact: true }).locator('option:checked')).toHaveText(
		/^Ten sessions/
	);
	// The server wrote it into sub:<id>; it reaches this page through sync.
	const header = page.locator('header.client-header');
	await expect(header).toContainText('Ten sessions', { timeout: 15_000 });
	await expect(header).toContainText('0 used · 0 booked · 10 remaining of 10');

	await page.getByRole('tab', { name: 'Sessions' }).click();
	await expect(page.getByRole('tabpanel')).toContainText('No sessions recorded yet.');
	await expectNoA11yViolations(page);

	const clients = new CoachClientsPage(page);
	await page.getByRole('link', { name: '← All clients' }).click();
	await clients.expectStatus(practice.clientName, 'Active');
	// Revenue is what was paid (invoices minus refunds); an assigned package takes no payment.
	const active = clients.row(practice.clientName);
	await expect(active).toContainText('0 used · 0 booked · 10 left of 10');
	await expect(active.locator('div', { hasText: 'Revenue' }).locator('dd')).toHaveText('—');
	await expectNoA11yViolations(page);

	// Someone invited with the same package has not accepted: no revenue, no sessions yet, even
	// once this device holds their package (opening their page syncs and indexes it).
	const pkgId = ((await created.json()) as { package: { id: string } }).package.id;
	const invited = await practice.coach.request.post('/api/invites', {
		data: { name: 'Pia Pending', email: 'pia@example.com', packageId: pkgId }
	});
	expect(invited.status()).toBe(201);
	const { invite } = (await invited.json()) as { invite: { engagementId: string } };
	await page.goto(`/coach/clients/${invite.engagementId}`);
	await expect(page.locator('header.client-header')).toContainText('Ten sessions', {
		timeout: 15_000
	});
	await page.getByRole('link', { name: '← All clients' }).click();
	await clients.expectStatus('Pia Pending', 'Pending acceptance');
	const pending = clients.row('Pia Pending');
	for (const metric of ['Sessions completed', 'Revenue', 'Package sessions']) {
		await expect(pending.locator('div', { hasText: metric }).locator('dd')).toHaveText('—');
	}
	await expect(pending).not.toContainText('300.00');
});
