import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { WorkspacePage } from './pages/workspace-pages';

/**
 * Issue 15, item 6: the Content-Security-Policy must not break the app. Every violation a page
 * reports (the `securitypolicyviolation` event, and Chromium's console message) is collected on
 * the main screens of both sides, with the sync websocket, the service worker and an offline
 * reload from its cache all in play; the list must stay empty.
 */
async function watchCsp(context: BrowserContext): Promise<string[]> {
	const violations: string[] = [];
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(
				`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`
			);
		});
	});
	context.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) {
			violations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
		}
	});
	return violations;
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
	await page.goto(path);
	await ready(page);
}

const heading = (name: string | RegExp) => async (page: Page) =>
	expect(page.getByRole('heading', { name }).first()).toBeVisible();

test('no CSP violations on the main screens, live sync, the service worker and offline', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await createPractice(browser, ownServer);
	const coachViolations = await watchCsp(practice.coach);
	const clientViolations = await watchCsp(practice.client);

	const coach = await practice.coach.newPage();
	const response = await coach.goto('/coach');
	expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	await expect(coach.getByText(practice.clientName).first()).toBeVisible();
	await waitForServiceWorkerControl(coach);

	// The client page: chat over the /sync websocket (connect-src), notes, the Book tab.
	await coach.goto(`/coach/clients/${practice.engagementId}`);
	const workspace = new WorkspacePage(coach);
	await workspace.sendMessage('Hello under a strict policy');
	await expect(workspace.syncStatus).toHaveText(/All changes saved/);
	for (const tab of ['Notes', 'Goals', 'Book']) {
		await coach.getByRole('tab', { name: tab }).click();
		await expect(coach.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
	}
	await visit(coach, '/coach/schedule', heading(/Schedule/));
	await visit(coach, '/coach/schedule/availability', heading(/availability/i));
	await visit(coach, '/coach/packages', heading(/Packages/));
	await visit(coach, '/coach/profile', heading(/profile/i));
	await visit(coach, '/settings', heading(/Settings/));
	await visit(coach, '/notifications', heading(/Notifications/));

	// Offline: the page comes from the service worker's cache, with the headers it was cached with.
	await coach.goto(`/coach/clients/${practice.engagementId}`);
	await expect(workspace.messages.filter({ hasText: 'Hello under a strict policy' })).toHaveCount(
		1
	);
	await practice.coach.setOffline(true);
	await coach.reload();
	await expect(workspace.messages.filter({ hasText: 'Hello under a strict policy' })).toHaveCount(
		1
	);
	await practice.coach.setOffline(false);

	const client = await practice.client.newPage();
	await client.goto('/client');
	const clientWorkspace = new WorkspacePage(client);
	await expect(
		clientWorkspace.messages.filter({ hasText: 'Hello under a strict policy' })
	).toHaveCount(1);
	await visit(client, '/client/book', heading(/Book/));
	await visit(client, '/client/sessions', heading(/sessions/i));
	await visit(client, '/client/profile', heading(/profile|coach/i));

	const visitor = await browser.newContext({ baseURL: ownServer.url });
	const visitorViolations = await watchCsp(visitor);
	const page = await visitor.newPage();
	await visit(page, '/login', heading(/Sign in/));
	await visit(page, '/signup', heading(/account|Sign up/i));

	expect([...coachViolations, ...clientViolations, ...visitorViolations]).toEqual([]);
	await visitor.close();
});
