import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

test('the pending count names what the person did: one note typed into, each message sent', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { coachPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	const notes = new NotesPage(coachPage);
	const editor = await notes.create('shared', 'Session plan');
	await expect(coach.syncStatus).toHaveText(/All changes saved/);
	await waitForServiceWorkerControl(coachPage);

	await ownServer.stop();
	// Nineteen keystrokes into one note: one change, not nineteen.
	await editor.pressSequentially('Nineteen keystrokes');
	await expect(coach.syncStatus).toContainText('1 change not yet on the server');
	await notes.back();
	await coach.sendMessage('First, written offline');
	await coach.sendMessage('Second, written offline');
	await expect(coach.syncStatus).toContainText('3 changes not yet on the server');

	// A reload counts the same work the same way.
	await coachPage.reload();
	await expect(coach.syncStatus).toContainText('3 changes not yet on the server');

	await ownServer.restart();
	await expect(coach.syncStatus).toHaveText(/All changes saved/, { timeout: 20_000 });
});
