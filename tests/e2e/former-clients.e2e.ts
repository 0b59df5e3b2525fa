import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice, password } from '../fixtures/practice';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { SettingsPage } from './pages/export-pages';
import { NotesPage } from './pages/notes-pages';
import { DeleteAccountSection } from './pages/own-data-pages';
import { WorkspacePage } from './pages/workspace-pages';

const TITLE = 'Intake FORMER-3f1a';
const BODY = 'Wants to sleep better';

/** The coach writes a private note about the practice's client, and it reaches the server. */
async function writePrivateNote(coachPage: Page, engagementId: string): Promise<void> {
	await coachPage.goto(`/coach/clients/${engagementId}`);
	await new NotesPage(coachPage).create('private', TITLE);
	await coachPage.keyboard.insertText(BODY);
	await expect(new WorkspacePage(coachPage).syncStatus).toHaveText(/All changes saved/, {
		timeout: 15_000
	});
}

const formerLink = (page: Page) => page.getByRole('link', { name: /^Former clients \(\d+\)$/ });
const formerList = (page: Page) => page.getByRole('list', { name: 'Former clients' });
const privateNotes = (page: Page) => page.getByRole('list', { name: 'Private notes' });

test('a client deletes their account: the coach finds the private note under Former clients, also offline', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(150_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	await writePrivateNote(coachPage, practice.engagementId);

	// While the client is current there is nothing to find, so no link.
	await coachPage.goto('/coach');
	await expect(coachPage.getByRole('link', { name: 'Cody Client' })).toBeVisible();
	await expect(formerLink(coachPage)).toHaveCount(0);
	await waitForServiceWorkerControl(coachPage);

	// The client deletes their account through Settings.
	const clientPage = await practice.client.newPage();
	await clientPage.goto('/client');
	await new SettingsPage(clientPage).open();
	const deletion = new DeleteAccountSection(clientPage);
	await deletion.start.click();
	await deletion.deleteWith(password);
	await clientPage.waitForURL(/\/login/, { timeout: 15_000 });

	// The coach's list no longer has the client as current; the note is one click away.
	await coachPage.reload();
	await expect(formerLink(coachPage)).toHaveText('Former clients (1)', { timeout: 15_000 });
	await formerLink(coachPage).click();
	const entry = formerList(coachPage).getByRole('listitem');
	await expect(entry).toHaveCount(1);
	await expect(entry).toContainText('Account closed');
	await expect(entry).toContainText('1 private note');
	await expectNoA11yViolations(coachPage);
	await entry.getByRole('link', { name: 'Cody Client' }).click();
	await expect(coachPage.getByRole('heading', { name: 'Cody Client', level: 1 })).toBeVisible();
	const notes = new NotesPage(coachPage);
	await privateNotes(coachPage).getByRole('button', { name: TITLE, exact: true }).click();
	const editor = notes.editor(TITLE);
	await expect(editor).toHaveText(BODY);
	await expectNoA11yViolations(coachPage);

	// Still the coach's to edit.
	await notes.caretAtEndOf(editor, 0);
	await coachPage.keyboard.insertText(' (written after they left)');
	await expect(editor).toHaveText(`${BODY} (written after they left)`);

	// With the server gone, a reload still shows the note and the edit, from this device.
	await ownServer.stop();
	await coachPage.reload();
	await privateNotes(coachPage).getByRole('button', { name: TITLE, exact: true }).click();
	await expect(notes.editor(TITLE)).toHaveText(`${BODY} (written after they left)`, {
		timeout: 15_000
	});
	await coachPage.getByRole('link', { name: '← Former clients' }).click();
	await coachPage.getByRole('link', { name: '← All clients' }).click();
	await expect(formerLink(coachPage)).toHaveText('Former clients (1)', { timeout: 15_000 });
});

test('the coach removes a closed client from the device: the note stays, under "Deleted client"', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	await writePrivateNote(coachPage, practice.engagementId);
	// (The first test deletes through Settings; here the same request the page sends.)
	const deleted = await practice.client.request.post('/api/account/delete', { data: { password } });
	expect(deleted.status(), await deleted.text()).toBeLessThan(300);

	// The closed client's page offers "Remove from this device"; private notes are not in it.
	await coachPage.reload();
	await coachPage.getByRole('button', { name: 'Remove from this device' }).click();
	await coachPage.getByRole('button', { name: 'Remove now' }).click();
	await coachPage.goto('/coach');
	await expect(formerLink(coachPage)).toHaveText('Former clients (1)', { timeout: 15_000 });
	await formerLink(coachPage).click();
	const entry = formerList(coachPage).getByRole('listitem');
	await expect(entry).toContainText('No longer in your client list');
	const name = entry.getByRole('link', { name: /^Deleted client \(last note: .+\)$/ });
	await name.click();
	await expect(
		coachPage.getByRole('heading', { name: /^Deleted client \(last note: .+\)$/, level: 1 })
	).toBeVisible();
	await privateNotes(coachPage).getByRole('button', { name: TITLE, exact: true }).click();
	await expect(new NotesPage(coachPage).editor(TITLE)).toHaveText(BODY);
});

test('the coach ends an engagement: its private note is under Former clients until deleted', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const practice = await createPractice(browser, ownServer);
	const coachPage = await practice.coach.newPage();
	await writePrivateNote(coachPage, practice.engagementId);
	const ended = await practice.coach.request.post(`/api/engagements/${practice.engagementId}/end`);
	expect(ended.status(), await ended.text()).toBe(200);

	await coachPage.goto('/coach');
	await expect(formerLink(coachPage)).toHaveText('Former clients (1)', { timeout: 15_000 });
	await formerLink(coachPage).click();
	const entry = formerList(coachPage).getByRole('listitem');
	await expect(entry).toContainText('Engagement ended');
	await entry.getByRole('link', { name: 'Cody Client' }).click();

	// Deleting the last note leaves nothing to find: the client drops off, and so does the link.
	const list = privateNotes(coachPage);
	// No question asked: the note goes to the trash (restorable in coach: for 30 days).
	await list.getByRole('button', { name: `Delete ${TITLE}` }).click();
	await expect(coachPage.getByRole('heading', { name: 'No notes here', level: 1 })).toBeVisible();
	await coachPage.getByRole('link', { name: '← Former clients' }).click();
	await expect(
		coachPage.getByText('You have no private notes about former clients.')
	).toBeVisible();
	await coachPage.getByRole('link', { name: '← All clients' }).click();
	await expect(coachPage.getByRole('link', { name: 'Cody Client' })).toBeVisible();
	await expect(formerLink(coachPage)).toHaveCount(0);
});
