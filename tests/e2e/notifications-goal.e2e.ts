import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { expectNoA11yViolations } from './a11y';
import { WorkspacePage } from './pages/workspace-pages';
import { expectOutboxesDrained } from './pages/outbox-barrier';
import { mailSettled } from '../helpers/mail-settled';

/** Outbox emails (no SMTP in this server) whose subject is exactly `subject`. */
function emailsWithSubject(dataDir: string, subject: string): number {
	const dir = path.join(dataDir, 'outbox');
	if (!fs.existsSync(dir)) {
		return 0;
	}
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.eml'))
		.filter((file) =>
			fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).includes(`Subject: ${subject}`)
		).length;
}

async function notificationTexts(page: Page): Promise<string[]> {
	await page.goto('/notifications');
	await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
	return page.getByRole('list', { name: 'Notifications' }).locator('.text').allTextContents();
}

test('the client completes a goal: the coach gets exactly one notification and one email, even with two tabs each', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const coachTabs = [await practice.coach.newPage(), await practice.coach.newPage()];
	const clientTabs = [await practice.client.newPage(), await practice.client.newPage()];
	for (const tab of coachTabs) {
		await tab.goto(`/coach/clients/${practice.engagementId}`);
	}
	for (const tab of clientTabs) {
		await tab.goto('/client');
	}

	// The coach sets a goal with a description; the client sees both.
	const coach = new WorkspacePage(coachTabs[0]!);
	await coach.goalsTab.click();
	await coach.goalTitle.fill('Run 5 km');
	await coachTabs[0]!.getByLabel('Description (optional)').fill('Three easy runs a week');
	await coach.addGoal.click();
	const client = new WorkspacePage(clientTabs[0]!);
	await client.goalsTab.click();
	const goal = clientTabs[0]!
		.getByRole('region', { name: 'Goals and action items' })
		.getByRole('listitem');
	await expect(goal.filter({ hasText: 'Run 5 km' })).toContainText('Three easy runs a week');
	await expectNoA11yViolations(clientTabs[0]!);

	// Every tab of both sides watches the goals while the client ticks it off in one of them.
	for (const tab of [...coachTabs.slice(1), clientTabs[1]!]) {
		await new WorkspacePage(tab).goalsTab.click();
	}
	await goal.filter({ hasText: 'Run 5 km' }).getByRole('checkbox').check();
	await expect(clientTabs[0]!.getByText('1 of 1 done')).toBeVisible();
	for (const tab of [...coachTabs, clientTabs[1]!]) {
		await expect(tab.getByRole('checkbox', { name: 'Run 5 km' })).toBeChecked();
	}

	const subject = 'Cody Client completed a goal';
	await expect.poll(() => emailsWithSubject(ownServer.dataDir, subject)).toBe(1);
	// Any duplicate (another tab or device reporting) has been sent and answered before counting:
	// every tab has shown the tick, both people's outboxes are empty, the mail queue is drained.
	await expectOutboxesDrained([coachTabs[0]!, clientTabs[0]!]);
	await mailSettled(ownServer.current);
	const texts = await notificationTexts(coachTabs[0]!);
	expect(texts.filter((t) => t === subject)).toHaveLength(1);
	expect(texts).toContain('Cody Client accepted your invitation');
	expect(emailsWithSubject(ownServer.dataDir, subject)).toBe(1);
	// The client is told nothing about their own change.
	expect(await notificationTexts(clientTabs[1]!)).toEqual([]);

	// The bell counts unread; opening one marks it read.
	const bell = coachTabs[0]!.getByRole('link', { name: /^Notifications/ });
	await expect(bell).toHaveAccessibleName('Notifications, 2 unread');
	await expectNoA11yViolations(coachTabs[0]!);
	await coachTabs[0]!.getByRole('link', { name: subject }).click();
	await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
});

test('a user turns notification emails off and on', async ({ browser, ownServer }) => {
	const practice = await createPractice(browser, ownServer);
	const page = await practice.coach.newPage();
	await page.goto('/notifications');
	const toggle = page.getByRole('checkbox', { name: 'Email me about new notifications' });
	await expect(toggle).toBeChecked();
	await toggle.uncheck();
	await expect
		.poll(async () => (await (await page.request.get('/api/settings')).json()) as unknown)
		.toEqual({ emailNotifications: false });
	await page.reload();
	await expect(toggle).not.toBeChecked();
	await expectNoA11yViolations(page);

	// With emails off, a new message is listed in the app but not emailed.
	const client = await practice.client.newPage();
	await client.goto('/client');
	await new WorkspacePage(client).sendMessage('Hello coach');
	await expect
		.poll(() => notificationTexts(page), { timeout: 10_000 })
		.toContain('New message from Cody Client');
	expect(emailsWithSubject(ownServer.dataDir, 'New message from Cody Client')).toBe(0);
	await toggle.check();
	await expect
		.poll(async () => (await (await page.request.get('/api/settings')).json()) as unknown)
		.toEqual({ emailNotifications: true });
});
