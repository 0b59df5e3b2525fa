import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { AppHeader, LoginPage, SignupPage } from './pages/auth-pages';
import { NetworkSwitch } from './pages/sessions-ledger-pages';
import { WorkspacePage } from './pages/workspace-pages';

/** Console errors and uncaught exceptions, to prove nothing failed behind a rendered page. */
function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(String(error)));
	page.on('console', (message) => {
		if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
			errors.push(message.text());
		}
	});
	return errors;
}

test('signing out offline forgets this device at once and ends the server session once back online', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const network = await NetworkSwitch.install(practice.client);
	const page = await practice.client.newPage();
	await page.goto('/client');
	await expect(new WorkspacePage(page).syncStatus).toHaveText(/All changes saved/);
	await waitForServiceWorkerControl(page);
	const sessionCookie = (await practice.client.cookies()).find((c) => c.name === 'tandem_session');
	expect(sessionCookie).toBeDefined();

	await network.offline();
	await new AppHeader(page).signOut.click();
	const login = new LoginPage(page);
	await expect(login.heading).toBeVisible();
	await expect(login.status.filter({ hasText: 'Signed out on this device' })).toHaveText(
		"Signed out on this device; your session will be ended on the server when you're back online."
	);
	expect(await page.evaluate(() => localStorage.getItem('tandem.user'))).toBeNull();
	// Offline, the app does not open signed in.
	await page.goto('/client');
	await expect(login.heading).toBeVisible();
	await expect(login.status.filter({ hasText: 'A connection is needed' })).toBeVisible();

	await network.online();
	// The queued revocation reaches the server: that session's row is gone.
	const db = new Database(path.join(ownServer.dataDir, 'tandem.sqlite'), { readonly: true });
	const sessionsOfCody = () =>
		db
			.prepare(
				"SELECT count(*) AS n FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'cody@example.com')"
			)
			.get() as { n: number };
	await expect.poll(() => sessionsOfCody().n, { timeout: 15_000 }).toBe(0);
	db.close();
	// The old cookie, presented again from anywhere, no longer signs anyone in.
	const replay = await practice.coach.request.get('/api/me', {
		headers: { cookie: `tandem_session=${sessionCookie!.value}` }
	});
	expect(replay.status()).toBe(401);
	await page.goto('/client');
	await expect(login.heading).toBeVisible();
	await expect(page).toHaveURL(/\/login/);
});

test('the queued revocation is sent before the app asks who is signed in, even after a restart of the tab', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const network = await NetworkSwitch.install(practice.client);
	const page = await practice.client.newPage();
	await page.goto('/client');
	await expect(new WorkspacePage(page).syncStatus).toHaveText(/All changes saved/);
	await waitForServiceWorkerControl(page);

	await network.offline();
	await new AppHeader(page).signOut.click();
	await expect(new LoginPage(page).heading).toBeVisible();
	await page.close();

	// Back online in a new tab, straight to the app: it must not open signed in.
	await network.online();
	const again = await practice.client.newPage();
	await again.goto('/client');
	const login = new LoginPage(again);
	await expect(login.heading).toBeVisible();
	await expect(again).toHaveURL(/\/login/);
	expect((await practice.client.request.get('/api/me')).status()).toBe(401);
});

test('opening the app offline while signed out shows the sign-in page saying a connection is needed', async ({
	browser,
	ownServer
}) => {
	const context = await browser.newContext({ baseURL: ownServer.url });
	const page = await context.newPage();
	const errors = collectErrors(page);
	await page.goto('/login');
	await waitForServiceWorkerControl(page);

	await context.setOffline(true);
	const login = new LoginPage(page);
	for (const route of ['/', '/login', '/client']) {
		await page.goto(route);
		await expect(login.heading, route).toBeVisible();
		await expect(login.status.filter({ hasText: 'A connection' }), route).toHaveText(
			"You're offline. A connection is needed to sign in."
		);
		await expect(login.submit).toBeDisabled();
		await expect(page.getByText('Internal Error')).toHaveCount(0);
	}
	await page.goto('/signup');
	const signup = new SignupPage(page);
	await expect(signup.heading).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'A connection' })).toHaveText(
		"You're offline. A connection is needed to create an account."
	);
	expect(errors).toEqual([]);

	await context.setOffline(false);
	await page.goto('/login');
	await expect(login.status.filter({ hasText: 'A connection' })).toHaveCount(0);
	await expect(login.submit).toBeEnabled();
	await context.close();
});
