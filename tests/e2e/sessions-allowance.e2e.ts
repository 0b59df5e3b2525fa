import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { ClientDashboardPage } from './pages/client-pages';
import { CoachClientsPage } from './pages/coach-pages';
import { assignPackage, CoachSessionsTab } from './pages/sessions-ledger-pages';

const HOUR = 3_600_000;

test('bookings hold sessions: used / booked / remaining on both sides, an outcome recorded against its booking, a complimentary extra on purpose', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await createPractice(browser, ownServer);
	await assignPackage(practice.coach, practice.engagementId, { sessions: 2 });
	const first = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
	for (const startsAt of [first, first + 24 * HOUR]) {
		const booked = await practice.coach.request.post(
			`/api/engagements/${practice.engagementId}/bookings`,
			{ data: { startsAt: new Date(startsAt).toISOString(), kind: 'video', timeZone: 'UTC' } }
		);
		expect(booked.status(), await booked.text()).toBe(201);
	}
	// Both sessions are booked: a third is refused with a reason, before anything is recorded.
	const third = await practice.coach.request.post(
		`/api/engagements/${practice.engagementId}/bookings`,
		{
			data: { startsAt: new Date(first + 48 * HOUR).toISOString(), kind: 'video', timeZone: 'UTC' }
		}
	);
	expect(third.status()).toBe(409);
	expect(await third.text()).toMatch(/used or already booked/);

	const clientPage = await practice.client.newPage();
	const dashboard = new ClientDashboardPage(clientPage);
	await dashboard.goto();
	await expect(dashboard.sessionsUsed).toHaveAccessibleName(
		'0 used · 2 booked · 0 remaining of 2',
		{
			timeout: 15_000
		}
	);
	await expect(dashboard.sessionsRemaining).toHaveText('0 sessions remaining');

	// The coach opens the ledger after the first booked session (the page's clock says so).
	const coachPage = await practice.coach.newPage();
	await coachPage.clock.setFixedTime(first + 2 * HOUR);
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new CoachSessionsTab(coachPage, practice.clientName);
	await coach.open();
	await expect(coach.remaining).toContainText('0 used · 2 booked · 0 remaining of 2', {
		timeout: 15_000
	});
	await expect(coach.awaiting).toHaveCount(1);
	await expectNoA11yViolations(coachPage);

	// One click on "Add session" and "Save session" records nothing.
	await coach.add.click();
	const form = coach.form('Add a session');
	await expect(form.note).toHaveAccessibleDescription(/can read this note/);
	await form.scope.getByRole('button', { name: 'Save session' }).click();
	await expect(form.scope.getByRole('alert')).toHaveText(/Choose how the session went/);
	// A session typed by hand while both are booked would overdraw the package: refused…
	await form.time.fill('09:00');
	await form.outcome('Completed').check();
	await form.scope.getByRole('button', { name: 'Save session' }).click();
	await expect(form.scope.getByRole('alert')).toHaveText(
		/Every session left in the package is booked/
	);
	// …unless the coach gives it on purpose.
	await form.scope.getByRole('checkbox', { name: /^Complimentary/ }).check();
	await form.scope.getByRole('button', { name: 'Save session' }).click();
	await expect(coach.notice).toHaveText('Session saved.');
	await expect(coach.entries.filter({ hasText: 'Complimentary' })).toHaveCount(1);
	await expect(coach.remaining).toContainText('0 used · 2 booked · 0 remaining of 2');

	// The client did not come: recorded against the booking, not typed again.
	await coach.recordOutcome('No-show');
	await expect(coach.awaiting).toHaveCount(0);
	await expect(coach.entries.filter({ hasText: 'No-show' })).toContainText('Booked');
	// This package forgives a no-show: the held session is free again.
	await expect(coach.remaining).toContainText('0 used · 1 booked · 1 remaining of 2');
	await expect(dashboard.sessionsUsed).toHaveAccessibleName(
		'0 used · 1 booked · 1 remaining of 2',
		{
			timeout: 15_000
		}
	);

	// The coach's client list shows the same three figures.
	await coachPage.getByRole('link', { name: '← All clients' }).click();
	const row = new CoachClientsPage(coachPage).row(practice.clientName);
	await expect(row.locator('div', { hasText: 'Package sessions' }).locator('dd')).toHaveText(
		'0 used · 1 booked · 1 left of 2',
		{ timeout: 15_000 }
	);
});
