import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { CoachSessionsTab } from './pages/sessions-ledger-pages';
import { WorkspacePage } from './pages/workspace-pages';

/** Outbox emails (no SMTP in this server) whose subject is exactly `subject`. */
function emailsWithSubject(dataDir: string, subject: string): number {
	const dir = path.join(dataDir, 'outbox');
	if (!fs.existsSync(dir)) {
		return 0;
	}
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.eml'))
		.filter((file) =>
			fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).includes(`Subject: ${subject}`)
		).length;
}

// The bell used to poll every 30 s; live means well inside that, whatever the machine's load.
const LIVE_MS = 5_000;

test('the client’s bell updates live, without a reload: a message, then a recorded session (bell and one email); reading the chat reads the message', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const clientPage = await practice.client.newPage();
	await clientPage.goto('/client/sessions');
	const bell = clientPage.getByRole('link', { name: /^Notifications/ });
	await expect(bell).toHaveAccessibleName('Notifications');
	// Set on this document: still there afterwards means the page was never reloaded.
	await clientPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await new WorkspacePage(coachPage).sendMessage('See you Tuesday');
	await expect(bell).toHaveAccessibleName('Notifications, 1 unread', { timeout: LIVE_MS });

	const sessions = new CoachSessionsTab(coachPage, practice.clientName);
	await sessions.open();
	await sessions.addSession({ date: '2026-03-10', time: '14:30', outcome: 'Completed' });
	await expect(bell).toHaveAccessibleName('Notifications, 2 unread', { timeout: LIVE_MS });
	expect(await clientPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
		true
	);

	// Reading the conversation (the dashboard opens on the chat) reads its message notification.
	await clientPage.goto('/client');
	await expect(clientPage.getByText('See you Tuesday')).toBeVisible();
	await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

	await clientPage.goto('/notifications');
	const list = clientPage.getByRole('list', { name: 'Notifications' });
	await expect(list.locator('.text')).toHaveText([
		'Your coach recorded a session',
		'New message from your coach'
	]);
	await expect
		.poll(() => emailsWithSubject(ownServer.dataDir, 'Your coach recorded a session'))
		.toBe(1);
});

test('a conversation’s messages are one notification; a goal notification opens the Goals section', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const clientPage = await practice.client.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new WorkspacePage(coachPage);
	for (const text of ['One', 'Two', 'Three']) {
		await coach.sendMessage(text);
	}
	await coach.createGoal('Run 5 km');

	// The client, away from the chat, finds one entry for the three messages.
	await clientPage.goto('/notifications');
	const entries = clientPage.getByRole('list', { name: 'Notifications' }).locator('.text');
	await expect(entries).toHaveText(['3 new messages from your coach']);
	const bell = clientPage.getByRole('link', { name: /^Notifications/ });
	await expect(bell).toHaveAccessibleName('Notifications, 3 unread');
	await clientPage.getByRole('link', { name: '3 new messages from your coach' }).click();
	await expect(clientPage).toHaveURL(/\/client$/);
	await expect(bell).toHaveAccessibleName('Notifications');

	// The client completes the goal; the coach's notification leads to the goal, not the chat.
	const client = new WorkspacePage(clientPage);
	await client.goalsTab.click();
	await clientPage.getByRole('checkbox', { name: 'Run 5 km' }).check();
	await coachPage.goto('/notifications');
	const goalLink = coachPage.getByRole('link', { name: 'Cody Client completed a goal' });
	await goalLink.click();
	await expect(coachPage).toHaveURL(/\?tab=goals&goal=[^&]+$/);
	await expect(coachPage.getByRole('tab', { name: 'Goals' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect(coachPage.getByRole('checkbox', { name: 'Run 5 km' })).toBeChecked();
	await expect(coachPage.getByRole('checkbox', { name: 'Run 5 km' })).toBeFocused();
});
