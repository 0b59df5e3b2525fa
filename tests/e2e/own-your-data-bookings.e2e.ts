import { zipSync } from 'fflate';
import { expect, test } from '../fixtures/own-server';
import { createPractice, password } from '../fixtures/practice';
import { spawnServer } from '../helpers/spawn-server';
import { SettingsPage } from './pages/export-pages';
import { signUpCoachByApi } from './pages/signup-mail';
import { ImportSection } from './pages/own-data-pages';
import { assignPackage, openHoursSoon } from './pages/scheduling-pages';

/**
 * Issue 13, item 6: after a move, a session booked on the old server is shown to the client as
 * history (no Reschedule, no Cancel that would answer "No such booking"), and the coach's package
 * catalogue and availability arrive with the import.
 */
test('a booked session moves as history; packages and availability move too', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(150_000);
	const practice = await createPractice(browser, ownServer);
	const { firstSlot } = await openHoursSoon(practice.coach.request);
	await assignPackage(practice, { sessions: 4, selfBooking: true });
	const booked = await practice.client.request.post(
		`/api/engagements/${practice.engagementId}/bookings`,
		{ data: { startsAt: new Date(firstSlot).toISOString(), kind: 'video', timeZone: 'UTC' } }
	);
	expect(booked.status(), await booked.text()).toBe(201);

	// The coach's device holds the booking (its sub: document) before exporting.
	const coachPage = await practice.coach.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await coachPage.getByRole('tab', { name: 'Book' }).click();
	const upcoming = coachPage.getByRole('region', { name: `Sessions with ${practice.clientName}` });
	await expect(upcoming.getByRole('button', { name: /Cancel/ })).toHaveCount(1);
	const settings = new SettingsPage(coachPage);
	await settings.open();
	const exported = await settings.exportZip();
	expect(exported.manifest().practice?.packages.map((p) => p.name)).toEqual(['Book yourself']);

	const fresh = await spawnServer();
	try {
		const coachB = await browser.newContext({ baseURL: fresh.url });
		await signUpCoachByApi(coachB.request, fresh.dataDir, {
			name: 'Carla Moved',
			email: 'carla@new.example.com',
			password
		});
		const page = await coachB.newPage();
		await page.goto('/settings');
		const importer = new ImportSection(page);
		await importer.importZip(zipSync(exported.files));
		await expect(
			page.getByText('1 package added to your catalogue; your availability was imported.')
		).toBeVisible();
		await page.goto('/coach/packages');
		await expect(page.getByText('Book yourself').first()).toBeVisible();

		// The invited client's Book tab: the session as history (no Cancel that would answer "No
		// such booking"), and the reason slots cannot load with a retry, not "Loading…" for ever.
		const list = (await (await coachB.request.get('/api/engagements')).json()) as {
			engagements: { id: string }[];
		};
		await page.goto(`/coach/clients/${list.engagements[0]!.id}`);
		await page.getByRole('tab', { name: 'Book' }).click();
		const panel = page.getByRole('tabpanel');
		await expect(panel.getByRole('region', { name: 'Booked before the move' })).toContainText(
			'Booked on your previous Tandem server'
		);
		await expect(panel.getByRole('button', { name: /^(Cancel|Reschedule)$/ })).toHaveCount(0);
		await expect(panel.getByText(/once the client has joined/)).toBeVisible();
		await expect(panel.getByRole('button', { name: 'Try again' })).toBeVisible();
		await expect(panel.getByText('Loading open times…')).toHaveCount(0);

		await expect.poll(() => /\/invite\/([a-z0-9]+)/.exec(fresh.output())?.[1]).toBeTruthy();
		const token = /\/invite\/([a-z0-9]+)/.exec(fresh.output())![1];
		const codyB = await browser.newContext({ baseURL: fresh.url });
		const accepted = await codyB.request.post(`/api/invites/${token}/accept`, {
			data: { password }
		});
		expect(accepted.status()).toBe(201);
		const codyPage = await codyB.newPage();
		await codyPage.goto('/client');
		const history = codyPage.getByRole('region', { name: 'Booked before the move' });
		await expect(history.getByRole('listitem')).toHaveCount(1, { timeout: 15_000 });
		await expect(history).toContainText("Booked on your coach's previous Tandem server");
		const sessions = codyPage.getByRole('region', { name: 'Your sessions' });
		await expect(sessions.getByRole('button', { name: /Cancel|Reschedule/ })).toHaveCount(0);
		await Promise.all([coachB.close(), codyB.close()]);
	} finally {
		await fresh.stop();
	}
});
