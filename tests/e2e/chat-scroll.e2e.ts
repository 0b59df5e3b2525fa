import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { WorkspacePage } from './pages/workspace-pages';

/** Whether the message list shows its end (scrolled within itself). */
const listAtEnd = (page: Page) =>
	page
		.getByRole('region', { name: 'Conversation' })
		.locator('ol.messages')
		.evaluate((list) => list.scrollTop + list.clientHeight >= list.scrollHeight - 1);

test("opening a client's page keeps the page at the top; only the chat scrolls to the latest", async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const client = new WorkspacePage(clientPage);
	for (let i = 1; i <= 30; i++) {
		await client.sendMessage(`Message number ${i}`);
	}

	await coachPage.setViewportSize({ width: 390, height: 740 });
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new WorkspacePage(coachPage);
	await expect(coach.messages.filter({ hasText: 'Message number 30' })).toHaveCount(1);
	await expect.poll(() => listAtEnd(coachPage)).toBe(true);
	// The client's name, package and call buttons stay in view.
	expect(await coachPage.evaluate(() => window.scrollY)).toBe(0);
	await expect(coachPage.getByRole('heading', { level: 1, name: 'Cody Client' })).toBeInViewport();

	// A new message scrolls the list again, still not the page.
	await client.sendMessage('One more');
	await expect(coach.messages.filter({ hasText: 'One more' })).toHaveCount(1);
	await expect.poll(() => listAtEnd(coachPage)).toBe(true);
	expect(await coachPage.evaluate(() => window.scrollY)).toBe(0);
});
