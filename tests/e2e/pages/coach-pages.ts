import { expect, type Locator, type Page } from '@playwright/test';

/** Picks the option whose text mentions the package name (options also show price and sessions). */
export async function choosePackage(select: Locator, name: string): Promise<void> {
	const value = await select.locator('option', { hasText: name }).getAttribute('value');
	await select.selectOption(value!);
}

/** /coach: the clients list. */
export class CoachClientsPage {
	readonly search: Locator;
	readonly statusFilter: Locator;
	readonly selectAll: Locator;
	readonly resendSelected: Locator;
	readonly notice: Locator;

	constructor(readonly page: Page) {
		this.search = page.getByRole('searchbox', { name: 'Search' });
		this.statusFilter = page.getByLabel('Status');
		this.selectAll = page.getByRole('checkbox', { name: /Select all invitations/ });
		this.resendSelected = page.getByRole('button', { name: /Resend selected/ });
		this.notice = page.getByRole('status').filter({ hasText: /sent again|revoked/ });
	}

	async goto(): Promise<void> {
		await this.page.goto('/coach');
		await expect(this.page.getByRole('heading', { name: 'Clients', level: 2 })).toBeVisible();
	}

	row(name: string): Locator {
		return this.page.getByRole('listitem', { name, exact: true });
	}

	async expectStatus(name: string, status: string | RegExp, timeout = 20_000): Promise<void> {
		await expect(this.row(name).locator('.status')).toHaveText(status, { timeout });
	}

	async revoke(name: string): Promise<void> {
		await this.row(name)
			.getByRole('button', { name: /^Revoke/ })
			.click();
		await this.row(name).getByRole('button', { name: 'Yes, revoke' }).click();
	}
}

/** /coach/clients/invite: one invitation. */
export class InvitePage {
	constructor(readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto('/coach/clients/invite');
		await expect(this.page.getByRole('heading', { name: 'Invite a client' })).toBeVisible();
	}

	async invite(input: {
		name: string;
		email: string;
		clientType?: string;
		message?: string;
		pkg?: string;
	}) {
		await this.page.getByLabel('Name', { exact: true }).fill(input.name);
		await this.page.getByLabel('Email', { exact: true }).fill(input.email);
		if (input.clientType) {
			await this.page.getByLabel('Client type (optional)').fill(input.clientType);
		}
		if (input.message) {
			await this.page.getByLabel('Personal message (optional)').fill(input.message);
		}
		if (input.pkg) {
			await choosePackage(this.page.getByLabel('Package (optional)'), input.pkg);
		}
		await this.page.getByRole('button', { name: 'Send invitation' }).click();
		await expect(this.page).toHaveURL(/\/coach$/);
	}
}

/** /coach/clients/invite/bulk: a pasted or uploaded list. */
export class BulkInvitePage {
	readonly text: Locator;
	readonly file: Locator;
	readonly preview: Locator;
	readonly send: Locator;

	constructor(readonly page: Page) {
		this.text = page.getByLabel('Names and emails');
		this.file = page.getByLabel('Or upload a file (.csv or .txt)');
		this.preview = page.getByRole('table');
		this.send = page.getByRole('button', { name: /^Send \d+ invitation/ });
	}

	async goto(): Promise<void> {
		await this.page.goto('/coach/clients/invite/bulk');
		await expect(
			this.page.getByRole('heading', { name: 'Invite a list of clients' })
		).toBeVisible();
	}

	rowsWith(status: 'valid' | 'invalid' | 'duplicate' | 'existing'): Locator {
		return this.preview.locator(`tbody tr[data-status="${status}"]`);
	}
}

/** /coach/packages. */
export class PackagesPage {
	constructor(readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto('/coach/packages');
		await expect(this.page.getByRole('heading', { name: 'Packages', level: 1 })).toBeVisible();
	}

	card(name: string): Locator {
		return this.page.getByRole('listitem', { name, exact: true });
	}

	async fill(input: {
		name?: string;
		sessions?: number;
		minutes?: number;
		price?: string;
		currency?: string;
		noShow?: boolean;
	}) {
		const form = this.page.locator('form');
		if (input.name !== undefined) {
			await form.getByLabel('Package name').fill(input.name);
		}
		if (input.sessions !== undefined) {
			await form.getByLabel('Number of sessions').fill(String(input.sessions));
		}
		if (input.minutes !== undefined) {
			await form.getByLabel('Session length (minutes)').fill(String(input.minutes));
		}
		if (input.price !== undefined) {
			await form.getByLabel('Price').fill(input.price);
		}
		if (input.currency !== undefined) {
			await form.getByLabel('Currency').fill(input.currency);
		}
		if (input.noShow !== undefined) {
			await form.getByLabel(/no-show/).setChecked(input.noShow);
		}
	}

	async create(input: {
		name: string;
		sessions: number;
		minutes: number;
		price: string;
		currency: string;
		noShow: boolean;
	}) {
		await this.page.getByRole('button', { name: 'New package' }).click();
		await this.fill(input);
		await this.page.getByRole('button', { name: 'Create package' }).click();
		await expect(this.card(input.name)).toBeVisible();
	}
}
