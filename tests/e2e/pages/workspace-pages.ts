import { expect, type Locator, type Page } from '@playwright/test';

/** The chat and goals of one engagement, as either side sees them. */
export class WorkspacePage {
	readonly chatTab: Locator;
	readonly goalsTab: Locator;
	readonly draft: Locator;
	readonly send: Locator;
	readonly messages: Locator;
	readonly goalTitle: Locator;
	readonly addGoal: Locator;
	readonly goals: Locator;
	readonly syncStatus: Locator;

	constructor(readonly page: Page) {
		this.chatTab = page.getByRole('tab', { name: /Chat/ });
		this.goalsTab = page.getByRole('tab', { name: 'Goals' });
		this.draft = page.getByRole('textbox', { name: 'Message' });
		this.send = page.getByRole('button', { name: 'Send' });
		this.messages = page.getByRole('region', { name: 'Conversation' }).locator('li.message .text');
		this.goalTitle = page.getByLabel('New goal or action item');
		this.addGoal = page.getByRole('button', { name: 'Add goal' });
		this.goals = page.getByRole('region', { name: 'Goals and action items' }).locator('li .title');
		this.syncStatus = page
			.getByRole('status')
			.filter({ hasText: /Offline|Syncing|All changes saved/ });
	}

	async sendMessage(text: string): Promise<void> {
		await this.chatTab.click();
		await this.draft.fill(text);
		await this.send.click();
		await expect(this.messages.filter({ hasText: text })).toHaveCount(1);
	}

	async createGoal(title: string): Promise<void> {
		await this.goalsTab.click();
		await this.goalTitle.fill(title);
		await this.addGoal.click();
		await expect(this.goals.filter({ hasText: title })).toHaveCount(1);
	}

	/** Every message text, in order. */
	async messageTexts(): Promise<string[]> {
		await this.chatTab.click();
		return this.messages.allTextContents();
	}

	async goalTitles(): Promise<string[]> {
		await this.goalsTab.click();
		return this.goals.allTextContents();
	}
}
