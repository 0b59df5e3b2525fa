import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import fs from 'node:fs';

export interface ExportedZip {
	/** Path → contents, as unzipped from the downloaded file. */
	readonly files: Record<string, Uint8Array>;
	readonly fileName: string;
	text(path: string): string;
	manifest(): {
		files: { path: string; bytes: number }[];
		coachDoc: string | null;
		practice?: { packages: { name: string }[]; availability: unknown };
	};
}

/** Settings → "Export my data". */
export class SettingsPage {
	readonly exportButton: Locator;
	readonly progress: Locator;
	readonly result: Locator;

	constructor(readonly page: Page) {
		this.exportButton = page.getByRole('button', { name: 'Export my data' });
		this.progress = page.getByRole('progressbar', { name: 'Export progress' });
		this.result = page.getByRole('status').filter({ hasText: 'Your export is ready' });
	}

	/** Through the nav link (client-side navigation works with the server down). */
	async open(): Promise<void> {
		await this.page.getByRole('link', { name: 'Settings' }).click();
		await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
	}

	/** Clicks the button and reads the zip the browser downloads. */
	async exportZip(): Promise<ExportedZip> {
		const downloading = this.page.waitForEvent('download', { timeout: 30_000 });
		await this.exportButton.click();
		const download: Download = await downloading;
		const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
		const text = (path: string) => new TextDecoder().decode(files[path] ?? new Uint8Array());
		return {
			files,
			fileName: download.suggestedFilename(),
			text,
			manifest: () => JSON.parse(text('manifest.json'))
		};
	}
}
