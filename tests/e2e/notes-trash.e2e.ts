import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { expectNoA11yViolations } from './a11y';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';

test("a client cannot delete the coach's note; their own goes to the trash, the coach sees who, restore and undo work", async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);

	await coach.create('shared', 'Coach plan');
	await coach.back();
	await client.create('shared', 'Client diary');
	await client.back();

	// The coach's note offers the client no Delete; their own does.
	await expect(client.listed('Coach plan')).toBeVisible();
	await expect(client.deleteButton('Coach plan')).toHaveCount(0);
	await expect(client.listed('Rename Coach plan')).toBeVisible();

	// Delete, then Undo at once: the note is back, the trash empty.
	await client.deleteButton('Client diary').click();
	await expect(client.deletedToast).toBeVisible();
	await expectNoA11yViolations(clientPage);
	await expect(client.listed('Client diary')).toHaveCount(0);
	await client.deletedToast.getByRole('button', { name: 'Undo' }).click();
	await expect(client.listed('Client diary')).toBeVisible();
	await expect(client.deletedToast).toHaveCount(0);

	// Delete for real: the coach sees it leave the list and arrive in the trash, with who.
	await client.deleteButton('Client diary').click();
	await expect(coach.listed('Client diary')).toHaveCount(0);
	const trash = await coach.trash();
	const entry = trash.getByRole('listitem').filter({ hasText: 'Client diary' });
	await expect(entry).toContainText('Deleted by Cody Client on');
	await expect(entry).toContainText('restorable until');
	await expectNoA11yViolations(coachPage);
	// Out of search too.
	await coach.search.fill('diary');
	await expect(coach.searchResults).toHaveCount(0);
	await coach.search.fill('');

	// The coach restores it: back in both lists.
	await entry.getByRole('button', { name: 'Restore Client diary' }).click();
	await expect(coach.listed('Client diary')).toBeVisible();
	await expect(client.listed('Client diary')).toBeVisible();
	await expect(client.shared.getByText(/^Trash \(\d+\)$/)).toHaveCount(0);
});

test('offline: delete, undo and restore work, and the coach sees the deletion after reconnect', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(120_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);
	await client.create('shared', 'Sleep log');
	await client.back();
	await client.create('shared', 'Gym plan');
	await client.back();
	await coach.show();
	await expect(coach.listed('Gym plan')).toBeVisible();
	await expect(new WorkspacePage(clientPage).syncStatus).toHaveText(/All changes saved/);

	await ownServer.stop();
	await expect(new WorkspacePage(clientPage).syncStatus).toContainText(/Offline|Syncing/);
	// Undo offline.
	await client.deleteButton('Sleep log').click();
	await client.deletedToast.getByRole('button', { name: 'Undo' }).click();
	await expect(client.listed('Sleep log')).toBeVisible();
	// Restore from the trash offline.
	await client.deleteButton('Gym plan').click();
	const trash = await client.trash();
	await trash.getByRole('button', { name: 'Restore Gym plan' }).click();
	await expect(client.listed('Gym plan')).toBeVisible();
	// And a deletion that stays.
	await client.deleteButton('Sleep log').click();
	await expect(client.listed('Sleep log')).toHaveCount(0);
	await expect((await client.trash()).getByRole('listitem')).toHaveText([
		/Sleep log.*Deleted by Cody Client on/s
	]);

	await ownServer.restart();
	await expect(coach.listed('Sleep log')).toHaveCount(0, {
		timeout: 30_000
	});
	await expect(coach.listed('Gym plan')).toBeVisible();
	await expect((await coach.trash()).getByRole('listitem')).toHaveText([
		/Sleep log.*Deleted by Cody Client on/s
	]);
});
