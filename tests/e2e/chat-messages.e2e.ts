import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { expectNoA11yViolations } from './a11y';
import { callStarters } from './pages/call-pages';
import { addClient, MessagesPage } from './pages/chat-pages';
import { WorkspacePage } from './pages/workspace-pages';

test('chat both ways: unread counts and the most recent conversation first', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const dana = await addClient(browser, ownServer, practice.coach.request, {
		name: 'Dana Client',
		email: 'dana@example.com'
	});
	const coachPage = await practice.coach.newPage();
	const codyPage = await practice.client.newPage();
	const danaPage = await dana.context.newPage();
	const coach = new WorkspacePage(coachPage);
	const cody = new WorkspacePage(codyPage);
	const danaSide = new WorkspacePage(danaPage);

	// The coach writes to both; each client sees it on their dashboard.
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await coach.sendMessage('Hi Cody');
	await coachPage.goto(`/coach/clients/${dana.engagementId}`);
	await coach.sendMessage('Hi Dana');
	await codyPage.goto('/client');
	await danaPage.goto('/client');
	await expect(cody.messages.filter({ hasText: 'Hi Cody' })).toHaveCount(1);
	await expect(danaSide.messages.filter({ hasText: 'Hi Dana' })).toHaveCount(1);
	await expectNoA11yViolations(codyPage);

	// Cody answers; on the coach's Messages page Cody comes first, with one unread.
	await cody.sendMessage('Thanks, coach!');
	const messages = new MessagesPage(coachPage);
	await messages.open();
	await expect.poll(() => messages.names()).toEqual(['Cody Client', 'Dana Client']);
	await expect(messages.unreadOf('Cody Client')).toHaveText('1 unread');
	await expect(messages.unreadOf('Dana Client')).toHaveCount(0);
	// The coach can start a call from each conversation; the client's chat offers no such thing.
	for (const [name, engagementId] of [
		['Cody Client', practice.engagementId],
		['Dana Client', dana.engagementId]
	]) {
		const start = messages.conversations.getByRole('group', {
			name: `Start a session with ${name}`
		});
		for (const mode of ['video', 'audio']) {
			await expect(start.getByRole('link', { name: `Start ${mode} call` })).toHaveAttribute(
				'href',
				`/coach/clients/${engagementId}/call?mode=${mode}`
			);
		}
	}
	await expect(callStarters(codyPage)).toHaveCount(0);
	await expect(callStarters(danaPage)).toHaveCount(0);
	await expectNoA11yViolations(coachPage);

	// Dana answers twice: her conversation moves to the top with two unread.
	await danaSide.sendMessage('Hello!');
	await danaSide.sendMessage('When do we start?');
	await expect.poll(() => messages.names()).toEqual(['Dana Client', 'Cody Client']);
	await expect(messages.unreadOf('Dana Client')).toHaveText('2 unread');

	// Opening Dana's chat reads it; back on the list, her badge is gone.
	await messages.conversations.getByRole('link', { name: /^Dana Client/ }).click();
	await expect(coach.messages.filter({ hasText: 'When do we start?' })).toHaveCount(1);
	await messages.open();
	await expect(messages.unreadOf('Dana Client')).toHaveCount(0);
	await expect(messages.unreadOf('Cody Client')).toHaveText('1 unread');

	// The client's side: while on the Goals tab, a new message shows as unread on the Chat tab.
	await cody.goalsTab.click();
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await coach.sendMessage('See you Monday');
	await expect(cody.chatTab).toHaveAccessibleName(/Chat\s*1 unread/);
	await cody.chatTab.click();
	await expect(cody.messages.filter({ hasText: 'See you Monday' })).toHaveCount(1);
	await expect(cody.chatTab).toHaveAccessibleName('Chat');
});

test('message text never becomes HTML; http(s) links are clickable and safe', async ({
	browser,
	ownServer
}) => {
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	const clientPage = await practice.client.newPage();
	const dialogs: string[] = [];
	for (const page of [coachPage, clientPage]) {
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
	}
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	await clientPage.goto('/client');
	const coach = new WorkspacePage(coachPage);
	const client = new WorkspacePage(clientPage);

	const attack = '<img src=x onerror=alert(1)>';
	await coach.sendMessage(attack);
	await coach.sendMessage('Read https://example.com/plan?week=1 and javascript:alert(2)');
	await expect(client.messages.filter({ hasText: attack })).toHaveCount(1);
	for (const page of [coachPage, clientPage]) {
		const chat = page.getByRole('region', { name: 'Conversation' });
		await expect(chat.locator('li.message .text').filter({ hasText: attack })).toHaveText(attack);
		await expect(chat.locator('img')).toHaveCount(0);
		const link = chat.getByRole('link', { name: 'https://example.com/plan?week=1' });
		await expect(link).toHaveAttribute('href', 'https://example.com/plan?week=1');
		await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
		await expect(link).toHaveAttribute('target', '_blank');
		// Only http(s) becomes a link.
		await expect(chat.getByRole('link')).toHaveCount(1);
	}
	// No time to wait: with no <img> rendered (checked above) no handler can still fire.
	expect(dialogs).toEqual([]);
	await expectNoA11yViolations(clientPage);
});

test('a message sent while the server is away shows "Sending…" until the server has it', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(60_000);
	const practice = await createPractice(browser, ownServer);
	const clientPage = await practice.client.newPage();
	const coachPage = await practice.coach.newPage();
	await clientPage.goto('/client');
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const client = new WorkspacePage(clientPage);
	const coach = new WorkspacePage(coachPage);
	await client.sendMessage('Sent online');
	const chat = clientPage.getByRole('region', { name: 'Conversation' });
	const online = chat.locator('li.message').filter({ hasText: 'Sent online' });
	await expect(online.getByText('Sending…')).toHaveCount(0, { timeout: 10_000 });

	await ownServer.stop();
	await client.sendMessage('Written offline');
	const offline = chat.locator('li.message').filter({ hasText: 'Written offline' });
	await expect(offline.getByText('Sending…')).toBeVisible();
	await expectNoA11yViolations(clientPage);

	await ownServer.restart();
	await expect(offline.getByText('Sending…')).toHaveCount(0, { timeout: 20_000 });
	await expect(coach.messages.filter({ hasText: 'Written offline' })).toHaveCount(1, {
		timeout: 20_000
	});
});
