import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '../fixtures/own-server';
import { createPractice, password } from '../fixtures/practice';
import { LoginPage } from './pages/auth-pages';
import { WorkspacePage } from './pages/workspace-pages';

test('a session that expired while offline asks to sign in again and keeps the offline edits', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const clientPage = await practice.client.newPage();
	await clientPage.goto('/client');
	const client = new WorkspacePage(clientPage);
	await client.sendMessage('Before the outage');
	await expect(client.syncStatus).toHaveText(/All changes saved/);

	await ownServer.stop();
	await client.sendMessage('Written offline, before the session expired');
	await expect(client.syncStatus).toContainText(/not yet on the server/);
	// While the server is down, the client's session expires (its row goes, as the sweep does).
	const db = new Database(path.join(ownServer.dataDir, 'tandem.sqlite'));
	db.prepare(
		"DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'cody@example.com')"
	).run();
	db.close();
	await ownServer.restart();

	const login = new LoginPage(clientPage);
	await expect(login.heading).toBeVisible({ timeout: 20_000 });
	await expect(login.status).toContainText('Your session has ended');
	await login.signIn('cody@example.com', password);
	await expect(clientPage).toHaveURL(/\/client$/);
	await expect(client.messages.filter({ hasText: 'Written offline' })).toHaveCount(1);
	await expect(client.syncStatus).toHaveText(/All changes saved/, { timeout: 20_000 });

	// The edit reached the server: the coach sees it.
	const coachPage = await practice.coach.newPage();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new WorkspacePage(coachPage);
	await expect(
		coach.messages.filter({ hasText: 'Written offline, before the session expired' })
	).toHaveCount(1);
});
