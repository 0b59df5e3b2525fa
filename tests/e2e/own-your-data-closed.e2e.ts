import { zipSync } from 'fflate';
import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { openBothSides, password } from '../fixtures/practice';
import { spawnServer } from '../helpers/spawn-server';
import { SettingsPage } from './pages/export-pages';
import { DeleteAccountSection, ImportSection } from './pages/own-data-pages';
import { WorkspacePage } from './pages/workspace-pages';
import { signUpCoachByApi } from './pages/signup-mail';

const NOTE =
	'Your coach closed this account. You can still read and export what is on this device.';

test("a coach deletes their account: the client keeps reading and exporting the closed account's chat", async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	const client = new WorkspacePage(clientPage);
	await coach.sendMessage('Notes from our last session');
	await client.sendMessage('Thanks, Carla!');
	await expect(client.messages.filter({ hasText: 'Notes from our last session' })).toHaveCount(1);
	await expect(client.syncStatus).toHaveText(/All changes saved/);

	// The coach deletes their account through Settings.
	await new SettingsPage(coachPage).open();
	const deletion = new DeleteAccountSection(coachPage);
	await deletion.start.click();
	await deletion.deleteWith(password);
	await coachPage.waitForURL(/\/login/);
	const list = await (await practice.client.request.get('/api/engagements')).json();
	expect(list).toEqual({ engagements: [] });

	// The client comes back online: the server no longer lists the engagement, the device keeps it.
	await clientPage.reload();
	await expect(clientPage.getByText(NOTE)).toBeVisible({ timeout: 15_000 });
	await expect(client.messages.filter({ hasText: 'Notes from our last session' })).toHaveCount(1);
	await expect(client.messages.filter({ hasText: 'Thanks, Carla!' })).toHaveCount(1);
	await expectNoA11yViolations(clientPage);
	// A second reload keeps it (the closed entry is saved, not recomputed from a missing list).
	await clientPage.reload();
	await expect(clientPage.getByText(NOTE)).toBeVisible({ timeout: 15_000 });
	await expect(client.messages.filter({ hasText: 'Notes from our last session' })).toHaveCount(1);
	// Its documents open from this device only: the app does not report itself as offline.
	await expect(client.syncStatus).toHaveText(/All changes saved/);
	// Read-only: nothing typed there could ever reach anyone.
	await client.draft.fill('Anyone there?');
	await client.send.click();
	await expect(
		clientPage.getByText('This account is closed: nothing new can be sent.')
	).toBeVisible();
	await expect(client.messages.filter({ hasText: 'Anyone there?' })).toHaveCount(0);

	const settings = new SettingsPage(clientPage);
	await settings.open();
	const exported = await settings.exportZip();
	const manifest = exported.manifest() as unknown as {
		engagements: { id: string; status: string; folder: string }[];
	};
	expect(manifest.engagements.map((e) => [e.id, e.status])).toEqual([
		[practice.engagementId, 'ended']
	]);
	const chat = exported.text(`clients/${manifest.engagements[0]!.folder}/chat.md`);
	expect(chat).toContain('Notes from our last session');
	expect(chat).toContain('Thanks, Carla!');

	// "Remove from this device" deletes the local copies; the note goes away.
	await clientPage.goto('/client');
	await clientPage.getByRole('button', { name: 'Remove from this device' }).click();
	await clientPage.getByRole('button', { name: 'Remove now' }).click();
	await expect(clientPage.getByText(NOTE)).toHaveCount(0);
	await expect(clientPage.getByText('You are not working with a coach yet.')).toBeVisible();
	const me = (await (await practice.client.request.get('/api/me')).json()) as {
		user: { id: string };
	};
	await expect
		.poll(() =>
			clientPage.evaluate(
				async ({ userId, engagementId }) =>
					(await indexedDB.databases())
						.map((d) => d.name ?? '')
						.filter((n) => n.startsWith(`tandem:${userId}:`) && n.includes(engagementId)),
				{ userId: me.user.id, engagementId: practice.engagementId }
			)
		)
		.toEqual([]);
	await clientPage.reload();
	await expect(clientPage.getByText('You are not working with a coach yet.')).toBeVisible();
});

test('after an import the coach sees their old messages as their own and the client sees the coach by name', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	await new WorkspacePage(coachPage).sendMessage('Welcome aboard, Cody!');
	await new WorkspacePage(clientPage).sendMessage('Glad to be here');
	await expect(new WorkspacePage(coachPage).syncStatus).toHaveText(/All changes saved/);
	await new SettingsPage(coachPage).open();
	const exported = await new SettingsPage(coachPage).exportZip();

	const fresh = await spawnServer();
	try {
		const coachB = await browser.newContext({ baseURL: fresh.url });
		await signUpCoachByApi(coachB.request, fresh.dataDir, {
			name: 'Carla Moved',
			email: 'carla@new.example.com',
			password
		});
		const page = await coachB.newPage();
		await page.goto('/settings');
		await new ImportSection(page).importZip(zipSync(exported.files));
		await expect.poll(() => /\/invite\/([a-z0-9]+)/.exec(fresh.output())?.[1]).toBeTruthy();
		const token = /\/invite\/([a-z0-9]+)/.exec(fresh.output())![1];
		const codyB = await browser.newContext({ baseURL: fresh.url });
		const accepted = await codyB.request.post(`/api/invites/${token}/accept`, {
			data: { password }
		});
		expect(accepted.status()).toBe(201);
		const engagementId = ((await accepted.json()) as { engagementId: string }).engagementId;

		// The coach's old message is theirs ("You"), the client's old one has the client's name.
		await page.goto(`/coach/clients/${engagementId}`);
		const coachChat = page.getByRole('region', { name: 'Conversation' });
		await expect(
			coachChat.locator('li.message.mine').filter({ hasText: 'Welcome aboard, Cody!' })
		).toContainText('You');
		await expect(
			coachChat.locator('li.message').filter({ hasText: 'Glad to be here' })
		).toContainText('Cody Client');
		const codyPage = await codyB.newPage();
		await codyPage.goto('/client');
		const clientChat = codyPage.getByRole('region', { name: 'Conversation' });
		await expect(
			clientChat.locator('li.message').filter({ hasText: 'Welcome aboard, Cody!' })
		).toContainText('Carla Moved', { timeout: 15_000 });
		await expect(
			clientChat.locator('li.message.mine').filter({ hasText: 'Glad to be here' })
		).toContainText('You');
		await Promise.all([coachB.close(), codyB.close()]);
	} finally {
		await fresh.stop();
	}
});
