import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { expectNoA11yViolations } from './a11y';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';

test('a comment notification opens its note with the comment marked, offline too', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);

	// Two notes, so opening "a note" is not enough: it must be the one commented on.
	await coach.create('shared', 'Sleep plan');
	await coach.create('shared', 'Running plan');
	await coach.comments.getByLabel('Add a comment').fill('Try an easy run on Tuesday.');
	await coach.comments.getByRole('button', { name: 'Comment' }).click();
	await coach.create('shared', 'Food diary');

	// The client sees the notification in the list (pushed live), then the network goes away:
	// the list stays on the device and the notes are in the device's copy.
	await clientPage.goto('/notifications');
	const notice = clientPage.getByRole('link', { name: 'New comment from your coach' });
	await expect(notice).toBeVisible();
	const client = new NotesPage(clientPage);
	await ownServer.stop();
	await notice.click();

	await expect(clientPage).toHaveURL(/\/client\?tab=notes&comment=/);
	await expect(client.tab).toHaveAttribute('aria-selected', 'true');
	await expect(client.editor('Running plan')).toBeVisible();
	const thread = client.comments.getByRole('article', {
		name: `Comment by ${practice.coachName}`
	});
	await expect(thread).toContainText('Try an easy run on Tuesday.');
	await expect(thread).toHaveAttribute('aria-current', 'true');
	await expect(thread).toBeInViewport();
	await expectNoA11yViolations(clientPage);

	// Shown once: back to the list, the notes stay listed (no jump back into the note).
	await client.back();
	await expect(client.listed('Running plan')).toBeVisible();
});

test('a goal notification opens the goals with that goal focused', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	// Enough goals that the one completed is not simply the first thing on screen.
	for (const title of ['Stretch daily', 'Drink water', 'Read a book', 'Sleep by 11', 'Run 5 km']) {
		await coach.createGoal(title);
	}
	const client = new WorkspacePage(clientPage);
	await client.goalsTab.click();
	await clientPage.getByRole('checkbox', { name: 'Read a book' }).check();
	await expect(clientPage.getByText('1 of 5 done')).toBeVisible();

	await coachPage.goto('/notifications');
	await coachPage.getByRole('link', { name: 'Cody Client completed a goal' }).click();
	await expect(coachPage).toHaveURL(/\/coach\/clients\/[^/?]+\?tab=goals&goal=/);
	await expect(coach.goalsTab).toHaveAttribute('aria-selected', 'true');
	const goal = coachPage.getByRole('checkbox', { name: 'Read a book' });
	await expect(goal).toBeChecked();
	await expect(goal).toBeFocused();
	await expect(
		coachPage
			.getByRole('region', { name: 'Goals and action items' })
			.getByRole('listitem')
			.filter({ hasText: 'Read a book' })
	).toHaveAttribute('aria-current', 'true');
	await expectNoA11yViolations(coachPage);
});
