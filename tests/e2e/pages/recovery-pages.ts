import { expect, type Locator, type Page } from '@playwright/test';
import { linkTokensFor, sharedDataDir } from './signup-mail';

/** Waits for the newest password reset link emailed to `email`; its path. */
export async function resetPasswordPath(email: string, dataDir = sharedDataDir): Promise<string> {
	const tokens = () => linkTokensFor(dataDir, email, /\/reset-password\/([a-z0-9]+)/i);
	await expect.poll(() => tokens().length, { timeout: 20_000 }).toBeGreaterThan(0);
	return `/reset-password/${tokens().at(-1)!}`;
}

/** Page model for /forgot-password. */
export class ForgotPasswordPage {
	readonly heading: Locator;
	readonly email: Locator;
	readonly submit: Locator;
	readonly sent: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { name: 'Forgot your password?' });
		this.email = page.getByLabel('Email');
		this.submit = page.getByRole('button', { name: 'Email me a reset link' });
		this.sent = page.getByText(/we have emailed it a link to choose a new password/);
	}

	async request(email: string): Promise<void> {
		await this.email.fill(email);
		await this.submit.click();
		await expect(this.sent).toBeVisible();
	}
}

/** Page model for /reset-password/[token]. */
export class ResetPasswordPage {
	readonly heading: Locator;
	readonly password: Locator;
	readonly repeated: Locator;
	readonly submit: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { name: 'Choose a new password' });
		this.password = page.getByLabel('New password', { exact: true });
		this.repeated = page.getByLabel('New password again');
		this.submit = page.getByRole('button', { name: 'Set new password' });
	}

	async setPassword(password: string): Promise<void> {
		await this.password.fill(password);
		await this.repeated.fill(password);
		await this.submit.click();
	}
}

/** Settings → Signed-in devices. */
export class DevicesSection {
	readonly list: Locator;
	readonly entries: Locator;
	readonly thisDevice: Locator;
	readonly otherDevices: Locator;
	readonly signOutEverywhereElse: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		const section = page.getByRole('region', { name: 'Signed-in devices' });
		this.list = section.getByRole('list', { name: 'Signed-in devices' });
		this.entries = this.list.getByRole('listitem');
		this.thisDevice = this.entries.filter({ hasText: 'This device' });
		this.otherDevices = this.entries.filter({ hasNotText: 'This device' });
		this.signOutEverywhereElse = section.getByRole('button', { name: 'Sign out everywhere else' });
		this.status = section.getByRole('status');
	}

	async signOutFirstOther(): Promise<void> {
		await this.otherDevices
			.first()
			.getByRole('button', { name: /^Sign out / })
			.click();
	}
}
