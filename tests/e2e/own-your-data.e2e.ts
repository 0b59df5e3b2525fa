import { zipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { expectNoA11yViolations } from './a11y';
import { LoginPage } from './pages/auth-pages';
import { expect, test } from '../fixtures/own-server';
import { createPractice, openBothSides, password } from '../fixtures/practice';
import { spawnServer } from '../helpers/spawn-server';
import { SettingsPage } from './pages/export-pages';
import { DeleteAccountSection, ImportSection } from './pages/own-data-pages';
import { WorkspacePage } from './pages/workspace-pages';
import { signUpCoachByApi } from './pages/signup-mail';

test('a coach moves to a fresh server: export, import, and the client finds the chat there', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const { coachPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	await coach.sendMessage('Welcome aboard, Cody!');
	await expect(coach.syncStatus).toHaveText(/All changes saved/);
	const settings = new SettingsPage(coachPage);
	await settings.open();
	const exported = await settings.exportZip();

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
		const importer = new ImportSection(page);
		await importer.importZip(zipSync(exported.files));
		await expect(importer.results.getByRole('listitem')).toHaveText([
			'cody@example.com: invitation sent'
		]);
		await expectNoA11yViolations(page);

		// Cody accepts the new invitation (printed by the outbox mailer) and sees the history.
		await expect.poll(() => /\/invite\/([a-z0-9]+)/.exec(fresh.output())?.[1]).toBeTruthy();
		const token = /\/invite\/([a-z0-9]+)/.exec(fresh.output())![1];
		const codyB = await browser.newContext({ baseURL: fresh.url });
		const accepted = await codyB.request.post(`/api/invites/${token}/accept`, {
			data: { password }
		});
		expect(accepted.status()).toBe(201);
		const codyPage = await codyB.newPage();
		await codyPage.goto('/client');
		await expect(
			new WorkspacePage(codyPage).messages.filter({ hasText: 'Welcome aboard, Cody!' })
		).toHaveCount(1, { timeout: 15_000 });
		await Promise.all([coachB.close(), codyB.close()]);
	} finally {
		await fresh.stop();
	}
});

test('a client deletes their account: signed out, this device forgets them, the coach is told', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const page = await practice.client.newPage();
	await page.goto('/client');
	await expect(new WorkspacePage(page).syncStatus).toHaveText(/All changes saved/);
	const me = (await (await practice.client.request.get('/api/me')).json()) as {
		user: { id: string };
	};

	await new SettingsPage(page).open();
	const deletion = new DeleteAccountSection(page);
	await deletion.start.click();
	await expect(deletion.impact).toHaveCount(1);
	await expect(deletion.impact).toContainText('Carla Coach');
	await expectNoA11yViolations(page);
	await deletion.deleteWith('not-the-password');
	await expect(page.getByRole('alert')).toHaveText('That password is not right.');
	await deletion.deleteWith(password);
	await page.waitForURL(/\/login/);
	await expect(new LoginPage(page).status).toContainText('Your account has been deleted');

	const local = await page.evaluate(async (userId) => {
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		return {
			mine: names.filter((n) => n.includes(userId)),
			remembered: localStorage.getItem('tandem.user')
		};
	}, me.user.id);
	expect(local).toEqual({ mine: [], remembered: null });
	const coachList = (await (await practice.coach.request.get('/api/engagements')).json()) as {
		engagements: unknown[];
	};
	expect(coachList.engagements).toEqual([]);
	// No SMTP in e2e: the notice to the coach is an .eml in the outbox.
	const outbox = path.join(ownServer.dataDir, 'outbox');
	const notices = () =>
		fs
			.readdirSync(outbox)
			.map((file) => fs.readFileSync(path.join(outbox, file), 'utf8'))
			.filter((mail) => mail.includes('Subject: Cody Client deleted their Tandem account'));
	await expect.poll(() => notices().length).toBe(1);
	expect(notices()[0]).toContain('To: carla@example.com');
});
