import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → "Import a coach export" (coaches). */
export class ImportSection {
	readonly file: Locator;
	readonly importButton: Locator;
	readonly results: Locator;

	constructor(readonly page: Page) {
		this.file = page.getByLabel('Export file (.zip)');
		this.importButton = page.getByRole('button', { name: 'Import', exact: true });
		this.results = page.getByRole('list', { name: 'Import results' });
	}

	async importZip(zip: Uint8Array, name = 'tandem-export.zip'): Promise<void> {
		await this.file.setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
		await this.importButton.click();
		await expect(this.results).toBeVisible({ timeout: 15_000 });
	}
}

/** Settings → "Delete my account". */
export class DeleteAccountSection {
	readonly start: Locator;
	readonly impact: Locator;
	readonly password: Locator;
	readonly understood: Locator;
	readonly confirm: Locator;

	constructor(readonly page: Page) {
		const section = page.getByRole('region', { name: 'Delete my account' });
		this.start = page.getByRole('button', { name: 'Delete my account…' });
		this.impact = section.getByRole('listitem');
		// Settings asks for the password elsewhere too (changing the email address).
		this.password = section.getByLabel('Your password');
		this.understood = page.getByRole('checkbox', { name: /cannot be restored/ });
		this.confirm = page.getByRole('button', { name: 'Delete my account permanently' });
	}

	async deleteWith(password: string): Promise<void> {
		await this.password.fill(password);
		await this.understood.check();
		await this.confirm.click();
	}
}
