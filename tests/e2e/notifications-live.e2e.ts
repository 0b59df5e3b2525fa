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
