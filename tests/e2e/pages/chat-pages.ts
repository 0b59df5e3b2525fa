import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { OwnServer } from '../../fixtures/own-server';
import { password } from '../../fixtures/practice';

/** Invites one more client for the practice's coach and signs them in in their own context. */
export async function addClient(
	browser: Browser,
	server: OwnServer,
	coach: APIRequestContext,
	client: { name: string; email: string }
) {
	const invited = await coach.post('/api/invites', { data: client });
	expect(invited.status()).toBe(201);
	// Without SMTP the link is printed next to the address it was sent to.
	const linkFor = () =>
		new RegExp(
			`Invite email for ${client.email.replace('.', '\\.')}[^\\n]*\\n\\s*Accept link: \\S*/invite/([a-z0-9]+)`
		).exec(server.current.output())?.[1];
	await expect.poll(linkFor).toBeTruthy();
	const context = await browser.newContext({ baseURL: server.url });
	const accepted = await context.request.post(`/api/invites/${linkFor()}/accept`, {
		data: { password }
	});
	expect(accepted.status()).toBe(201);
	const { engagementId } = (await accepted.json()) as { engagementId: string };
	return { context, engagementId };
}

/** The coach's Messages page: one link per client conversation. */
export class MessagesPage {
	readonly conversations;

	constructor(readonly page: Page) {
		this.conversations = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
	}

	async open(): Promise<void> {
		await this.page.getByRole('link', { name: 'Messages' }).click();
		await expect(this.page.getByRole('heading', { name: 'Messages' })).toBeVisible();
	}

	/** Client names, top to bottom. */
	async names(): Promise<string[]> {
		return this.conversations.locator('.name').allTextContents();
	}

	unreadOf(name: string) {
		return this.conversations.filter({ hasText: name }).locator('.badge');
	}
}
