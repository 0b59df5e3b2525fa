import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { WorkspacePage } from './pages/workspace-pages';

// Small enough that one long message fills the conversation (issue 15 item 9).
test.use({ ownServerEnv: { SYNC_MAX_DOC_BYTES: '8192' } });

test('a conversation at its size limit says so; the refused message never reaches the other side', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const clientPage = await practice.client.newPage();
	const coach = new WorkspacePage(coachPage);
	const client = new WorkspacePage(clientPage);
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await coach.sendMessage('Welcome aboard');
	await expect(coach.syncStatus).toContainText('All changes saved');

	const tooMuch = `Long read ${'x'.repeat(9000)}`;
	await coach.sendMessage(tooMuch);
	const notice = coachPage.getByRole('status').filter({ hasText: 'reached its size limit' });
	await expect(notice).toBeVisible();
	await expect(coach.syncStatus).toContainText('Offline');

	await clientPage.goto('/client');
	await expect(client.messages.filter({ hasText: 'Welcome aboard' })).toHaveCount(1);
	await expect(client.messages.filter({ hasText: 'Long read' })).toHaveCount(0);
});
