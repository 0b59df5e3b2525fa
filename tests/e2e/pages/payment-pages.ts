import { expect, type Locator, type Page } from '@playwright/test';
import { choosePackage } from './coach-pages';

/** /coach/clients/invite/paid: an invitation sent once the client has paid. */
export class PaidInvitePage {
	readonly name: Locator;
	readonly email: Locator;
	readonly pkg: Locator;
	readonly submit: Locator;
	readonly link: Locator;

	constructor(readonly page: Page) {
		this.name = page.getByLabel('Name');
		this.email = page.getByLabel('Email');
		this.pkg = page.getByLabel('Package', { exact: true });
		this.submit = page.getByRole('button', { name: 'Create payment link' });
		this.link = page.getByLabel('Payment link');
	}

	async goto(): Promise<void> {
		await this.page.goto('/coach/clients/invite/paid');
		// The app renders in the browser after load: wait for the form, not just the document.
		await expect(this.submit).toBeVisible();
	}

	/** Fills the form and returns the Stripe Checkout link it produced. */
	async create(input: { name: string; email: string; pkg: string }): Promise<string> {
		await this.name.fill(input.name);
		await this.email.fill(input.email);
		await choosePackage(this.pkg, input.pkg);
		await this.submit.click();
		await expect(this.link).toBeVisible();
		return this.link.inputValue();
	}
}

/** The (fake) Stripe hosted checkout page. */
export class FakeCheckoutPage {
	readonly pay: Locator;

	constructor(readonly page: Page) {
		this.pay = page.getByRole('button', { name: 'Pay' });
	}
}

/** /client/invoices and /coach/invoices. */
export class InvoicesPage {
	readonly table: Locator;
	readonly creditNotes: Locator;

	constructor(
		readonly page: Page,
		readonly path: '/client/invoices' | '/coach/invoices'
	) {
		this.table = page.getByRole('table', { name: 'Your invoices' });
		this.creditNotes = page.getByRole('table', { name: 'Credit notes' });
	}

	/** The coach refunds an invoice in full, taking back `sessions` sessions. */
	async refund(number: string, sessions: number): Promise<void> {
		const row = this.row(number);
		await row.locator('summary', { hasText: 'Refund' }).click();
		await row.getByLabel('Sessions taken back').fill(String(sessions));
		await row.getByRole('button', { name: 'Refund and issue credit note' }).click();
	}

	async goto(): Promise<void> {
		await this.page.goto(this.path);
	}

	row(number: string): Locator {
		return this.table
			.getByRole('row')
			.filter({ has: this.page.getByRole('rowheader', { name: number }) });
	}

	pdfLink(number: string): Locator {
		return this.row(number).getByRole('link', { name: `PDF of invoice ${number}` });
	}
}
