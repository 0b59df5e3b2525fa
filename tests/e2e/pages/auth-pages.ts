import { expect, type Locator, type Page } from '@playwright/test';
import { confirmationPath, sharedDataDir } from './signup-mail';

/** Page model for /signup: readonly locators and intent methods. */
export class SignupPage {
	readonly heading: Locator;
	readonly name: Locator;
	readonly email: Locator;
	readonly password: Locator;
	readonly submit: Locator;
	readonly alert: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { name: 'Create your coach account' });
		this.name = page.getByLabel('Your name');
		this.email = page.getByLabel('Email');
		this.password = page.getByLabel('Password');
		this.submit = page.getByRole('button', { name: 'Create account' });
		this.alert = page.getByRole('alert');
	}

	async goto(): Promise<void> {
		await this.page.goto('/signup');
		await expect(this.heading).toBeVisible();
	}

	async signUp(user: { name: string; email: string; password: string }): Promise<void> {
		await this.name.fill(user.name);
		await this.email.fill(user.email);
		await this.password.fill(user.password);
		await this.submit.click();
	}

	/** Signs up, then opens the emailed link (from `dataDir`'s outbox) and creates the account. */
	async signUpAndConfirm(
		user: { name: string; email: string; password: string },
		dataDir = sharedDataDir
	): Promise<void> {
		await this.signUp(user);
		await expect(this.checkEmail).toBeVisible();
		// Relative to the page's own server, which need not be the test's baseURL.
		await this.page.goto(
			new URL(await confirmationPath(dataDir, user.email), this.page.url()).href
		);
		await this.page.getByRole('button', { name: 'Create my account' }).click();
	}

	get checkEmail(): Locator {
		return this.page.getByRole('heading', { name: 'Check your email' });
	}
}

/** Page model for /login. */
export class LoginPage {
	readonly heading: Locator;
	readonly email: Locator;
	readonly password: Locator;
	readonly submit: Locator;
	readonly alert: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { name: 'Sign in' });
		this.email = page.getByLabel('Email');
		this.password = page.getByLabel('Password');
		this.submit = page.getByRole('button', { name: 'Sign in' });
		this.alert = page.getByRole('alert');
		this.status = page.getByRole('status');
	}

	async goto(): Promise<void> {
		await this.page.goto('/login');
		await expect(this.heading).toBeVisible();
	}

	async signIn(email: string, password: string): Promise<void> {
		await this.email.fill(email);
		await this.password.fill(password);
		await this.submit.click();
	}
}

/** The signed-in shell's header. */
export class AppHeader {
	readonly signOut: Locator;

	constructor(readonly page: Page) {
		// Exact: Settings also has "Sign out <device>" buttons.
		this.signOut = page.getByRole('button', { name: 'Sign out', exact: true });
	}
}
