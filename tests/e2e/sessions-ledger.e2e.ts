import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { CoachClientsPage } from './pages/coach-pages';
import { WorkspacePage } from './pages/workspace-pages';
import {
	assignPackage,
	ClientSessionsPage,
	CoachSessionsTab,
	NetworkSwitch
} from './pages/sessions-ledger-pages';

test('sessions the coach records by hand count down the client’s package; a technical failure does not, a correction restores it with history', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	await assignPackage(practice.coach, practice.engagementId, { sessions: 5 });
	const coachPage = await practice.coach.newPage();
	const clientPage = await practice.client.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new CoachSessionsTab(coachPage, practice.clientName);
	await coach.open();
	await expect(coach.remaining).toContainText('5 sessions remaining', { timeout: 15_000 });
	const client = new ClientSessionsPage(clientPage);
	await client.goto();
	await expect(client.remaining).toContainText('5 sessions remaining', { timeout: 15_000 });
	await expect(clientPage.getByText('No sessions recorded yet.')).toBeVisible();
	// Read-only for the client: no way to add or correct.
	await expect(clientPage.getByRole('button', { name: /Add session|Correct/ })).toHaveCount(0);

	await coach.addSession({
		date: '2026-03-10',
		time: '14:30',
		minutes: 50,
		outcome: 'Completed',
		note: 'Worked on the promotion plan.'
	});
	await expect(coach.remaining).toContainText('4 sessions remaining');
	await expect(client.remaining).toContainText('4 sessions remaining', { timeout: 15_000 });
	await expect(client.entries).toHaveCount(1);
	await expect(client.entries.first()).toContainText('Completed');
	await expect(client.entries.first()).toContainText('Video call · 50 min');
	await expect(client.entries.first()).toContainText('Worked on the promotion plan.');
	await expectNoA11yViolations(coachPage);
	await expectNoA11yViolations(clientPage);

	await coach.addSession({ date: '2026-03-12', time: '09:00', outcome: 'Technical failure' });
	await expect(client.entries).toHaveCount(2, { timeout: 15_000 });
	await expect(client.entries.first()).toContainText('Technical failure');
	await expect(coach.remaining).toContainText('4 sessions remaining');
	await expect(client.remaining).toContainText('4 sessions remaining');

	// The first session was in fact a failed call: corrected, it gives the session back.
	const first = coach.entries.filter({ hasText: 'Worked on the promotion plan.' });
	await coach.correct(first, 'Technical failure');
	await expect(coach.remaining).toContainText('5 sessions remaining');
	await expect(client.remaining).toContainText('5 sessions remaining', { timeout: 15_000 });
	const corrected = client.entries.filter({ hasText: 'Worked on the promotion plan.' });
	await expect(corrected).toContainText('Corrected');
	await expect(corrected).toContainText('Technical failure');
	await corrected.getByText(/^History/).click();
	await expect(corrected.getByRole('listitem')).toHaveText([
		/^Recorded .*: Completed, .*Video call · 50 min — Worked on the promotion plan\.$/,
		/^Now: Technical failure/
	]);
	await expect(client.entries).toHaveCount(2);
	await expectNoA11yViolations(clientPage);

	// A no-show under this package (no-shows do not count) leaves the count too.
	await coach.addSession({ date: '2026-03-14', time: '10:00', outcome: 'No-show' });
	await expect(client.entries).toHaveCount(3, { timeout: 15_000 });
	await expect(client.remaining).toContainText('5 sessions remaining');

	// The coach's client list: sessions completed and the last session date.
	await coach.correct(coach.entries.filter({ hasText: 'No-show' }), 'Completed');
	await expect(coach.remaining).toContainText('4 sessions remaining');
	const clients = new CoachClientsPage(coachPage);
	await coachPage.getByRole('link', { name: '← All clients' }).click();
	const row = clients.row(practice.clientName);
	await expect(row.locator('div', { hasText: 'Sessions completed' }).locator('dd')).toHaveText(
		'1',
		{
			timeout: 15_000
		}
	);
	await expect(row.locator('div', { hasText: 'Last session' }).locator('dd')).toHaveText(
		new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(2026, 2, 14))
	);
});

test('an outcome recorded while the client is offline reaches them when they reconnect, and the ledger opens offline', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	await assignPackage(practice.coach, practice.engagementId, { sessions: 3 });
	const network = await NetworkSwitch.install(practice.client);
	const clientPage = await practice.client.newPage();
	const client = new ClientSessionsPage(clientPage);
	await client.goto();
	await expect(client.remaining).toContainText('3 sessions remaining', { timeout: 15_000 });
	await waitForServiceWorkerControl(clientPage);

	await network.offline();
	const coachPage = await practice.coach.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new CoachSessionsTab(coachPage, practice.clientName);
	await coach.open();
	await coach.addSession({
		date: '2026-04-01',
		time: '18:00',
		outcome: 'Completed',
		note: 'Offline test'
	});
	await expect(coach.remaining).toContainText('2 sessions remaining');
	// The coach's write is on the server; the offline client has not seen it.
	await expect(new WorkspacePage(coachPage).syncStatus).toHaveText(/All changes saved/, {
		timeout: 15_000
	});
	// The client's own sync status says it is cut off: no socket left that could bring it.
	await expect(new WorkspacePage(clientPage).syncStatus).toContainText('Offline');
	await expect(client.remaining).toContainText('3 sessions remaining');
	await expect(client.entries).toHaveCount(0);

	// Back online, without a reload: the provider reconnects and syncs.
	await network.online();
	await expect(client.remaining).toContainText('2 sessions remaining', { timeout: 30_000 });
	await expect(client.entries).toHaveCount(1);
	await expect(client.entries.first()).toContainText('Offline test');

	// Offline again, and reloaded: the shell comes from the service worker, the ledger from
	// this device's copy.
	await network.offline();
	await clientPage.reload();
	await expect(clientPage.getByRole('heading', { name: 'Your sessions', level: 1 })).toBeVisible();
	await expect(client.remaining).toContainText('2 sessions remaining', { timeout: 15_000 });
	await expect(client.entries.first()).toContainText('Offline test');
	await network.online();
});

test('the client adds a phone number; the coach sees it on the client page and when recording a phone session', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	const clientPage = await practice.client.newPage();
	// The stored number answers only after the client has typed (a slow network): what they typed
	// must stay in the field.
	let answerStoredNumber = () => {};
	const typed = new Promise<void>((resolve) => (answerStoredNumber = resolve));
	await clientPage.route('**/api/me/phone', async (route) => {
		if (route.request().method() === 'GET') {
			await typed;
		}
		await route.continue();
	});
	await clientPage.goto('/client/sessions');
	await clientPage.getByRole('link', { name: 'your profile' }).click();
	await expect(clientPage.getByRole('heading', { name: 'Your profile', level: 1 })).toBeVisible();
	const phone = clientPage.getByRole('textbox', { name: 'Phone number' });
	await phone.fill('call me');
	answerStoredNumber();
	await clientPage.waitForResponse((r) => r.url().endsWith('/api/me/phone'));
	await clientPage.getByRole('button', { name: 'Save phone number' }).click();
	await expect(clientPage.getByRole('alert')).toContainText('6 to 15 digits');
	await phone.fill('+44 20 7946 0958');
	await clientPage.getByRole('button', { name: 'Save phone number' }).click();
	await expect(
		clientPage.getByRole('status').filter({ hasText: 'Phone number saved.' })
	).toBeVisible();
	await expectNoA11yViolations(clientPage);
	await clientPage.reload();
	await expect(phone).toHaveValue('+44 20 7946 0958');

	await practice.client.setOffline(true);
	await expect(
		clientPage.getByText('Changing your phone number needs a connection.')
	).toBeVisible();
	await expect(clientPage.getByRole('button', { name: 'Save phone number' })).toBeDisabled();
	await practice.client.setOffline(false);

	const coachPage = await practice.coach.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await expect(coachPage.locator('header.client-header')).toContainText('Phone: +44 20 7946 0958', {
		timeout: 15_000
	});
	const coach = new CoachSessionsTab(coachPage, practice.clientName);
	await coach.open();
	await coach.add.click();
	const form = coach.form('Add a session');
	await expect(form.scope.getByRole('link', { name: '+44 20 7946 0958' })).toHaveCount(0);
	await form.kind.selectOption({ label: 'Phone' });
	await expect(form.scope.getByRole('link', { name: '+44 20 7946 0958' })).toHaveAttribute(
		'href',
		'tel:+442079460958'
	);
	await expectNoA11yViolations(coachPage);
});

test('after a call the record page saves the outcome and returns to the client page', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	await assignPackage(practice.coach, practice.engagementId, { sessions: 2 });
	const coachPage = await practice.coach.newPage();
	const startedAt = new Date(2026, 4, 6, 8, 0).getTime();
	const endedAt = startedAt + 47 * 60_000;
	await coachPage.goto(
		`/coach/clients/${practice.engagementId}/record?kind=audio&startedAt=${startedAt}&endedAt=${endedAt}&booking=b-1`
	);
	await expect(
		coachPage.getByRole('heading', { name: `How did the session with ${practice.clientName} go?` })
	).toBeVisible();
	await expect(coachPage.getByText(/^Audio call · .* · 47 min$/)).toBeVisible();
	await expect(coachPage.getByRole('radio', { name: /^Completed/ })).toBeChecked();
	await expect(coachPage.getByRole('radio', { name: /^No-show/ })).toBeVisible();
	await expectNoA11yViolations(coachPage);
	await coachPage.getByRole('radio', { name: /^Technical failure/ }).check();
	await coachPage.getByLabel('Note').fill('Audio dropped twice.');
	await coachPage.getByRole('button', { name: 'Save session' }).click();
	await expect(coachPage).toHaveURL(new RegExp(`/coach/clients/${practice.engagementId}$`));

	const coach = new CoachSessionsTab(coachPage, practice.clientName);
	await coach.open();
	await expect(coach.entries).toHaveCount(1);
	await expect(coach.entries.first()).toContainText('Technical failure');
	await expect(coach.entries.first()).toContainText('Audio call · 47 min');
	await expect(coach.remaining).toContainText('2 sessions remaining');

	// Back to the record page (the browser's back button): it warns instead of silently doubling.
	await coachPage.goBack();
	await expect(
		coachPage.getByRole('status').filter({ hasText: 'already in the ledger' })
	).toBeVisible();
});
