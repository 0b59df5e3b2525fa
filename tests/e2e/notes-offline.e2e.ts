import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';

test('offline edits to the same note on both sides merge after reconnect', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);

	const coachEditor = await coach.create('shared', 'Weekly review');
	await coachEditor.pressSequentially('Wins this week.');
	await coachPage.keyboard.press('Enter');
	await coachPage.keyboard.type('Next steps.');
	const clientEditor = await client.open('Weekly review');
	await expect.poll(() => client.text(clientEditor)).toBe('Wins this week.\nNext steps.');
	await expect(new WorkspacePage(coachPage).syncStatus).toHaveText(/All changes saved/);

	// The server goes down; both keep editing the same note.
	await ownServer.stop();
	await coach.caretAtEndOf(coachEditor, 0);
	await coachPage.keyboard.type(' Slept eight hours twice.');
	await client.caretAtEndOf(clientEditor, 1);
	await clientPage.keyboard.type(' Book the gym induction.');
	await clientPage.keyboard.press('Enter');
	await clientPage.keyboard.type('Written offline by the client.');
	for (const side of [coachPage, clientPage]) {
		await expect(new WorkspacePage(side).syncStatus).toContainText(/Offline|Syncing/);
	}
	expect(await coach.text(coachEditor)).toBe(
		'Wins this week. Slept eight hours twice.\nNext steps.'
	);
	expect(await client.text(clientEditor)).toBe(
		'Wins this week.\nNext steps. Book the gym induction.\nWritten offline by the client.'
	);

	// Back online: both sides hold both sets of edits, identically.
	await ownServer.restart();
	const merged = [
		'Wins this week. Slept eight hours twice.',
		'Next steps. Book the gym induction.',
		'Written offline by the client.'
	].join('\n');
	await expect.poll(() => coach.text(coachEditor), { timeout: 30_000 }).toBe(merged);
	await expect.poll(() => client.text(clientEditor), { timeout: 30_000 }).toBe(merged);
	for (const side of [coachPage, clientPage]) {
		await expect(new WorkspacePage(side).syncStatus).toHaveText(/All changes saved/, {
			timeout: 20_000
		});
	}

	// The search index follows the merged text too.
	await client.show();
	await client.search.fill('induction');
	await expect(client.searchResults).toHaveText(['Weekly review']);
});
