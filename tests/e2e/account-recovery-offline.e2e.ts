import { expect, test } from '../fixtures/own-server';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/recovery-pages';

test('offline, the forgot-password and reset pages render and say a connection is needed', async ({
	browser,
	ownServer
}) => {
	const context = await browser.newContext({ baseURL: ownServer.url });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(String(error)));
	await page.goto('/forgot-password');
	await waitForServiceWorkerControl(page);

	await context.setOffline(true);
	await page.goto('/forgot-password');
	const forgot = new ForgotPasswordPage(page);
	await expect(forgot.heading).toBeVisible();
	await expect(page.getByText('A connection is needed to reset your password.')).toBeVisible();
	await expect(forgot.submit).toBeDisabled();

	await page.goto('/reset-password/sometoken');
	const reset = new ResetPasswordPage(page);
	await expect(reset.heading).toBeVisible();
	await expect(page.getByText('A connection is needed to reset your password.')).toBeVisible();
	await expect(reset.submit).toBeDisabled();
	await expect(page.getByText('Internal Error')).toHaveCount(0);
	expect(errors).toEqual([]);
	await context.close();
});
