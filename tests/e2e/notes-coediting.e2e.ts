import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { NotesPage } from './pages/notes-pages';

test('coach and client type in the same note at once and both end with identical text', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);

	const coachEditor = await coach.create('shared', 'Session one');
	await coachEditor.pressSequentially('Coach starts here.');
	await coachPage.keyboard.press('Enter');
	await coachPage.keyboard.type('Client continues here.');
	const clientEditor = await client.open('Session one');
	await expect(clientEditor).toContainText('Client continues here.');

	// Both in the note: each sees the other in the presence list and at their cursor.
	await coach.caretAtEndOf(coachEditor, 0);
	await client.caretAtEndOf(clientEditor, 1);
	await expect(coachPage.getByText('Also in this note:')).toBeVisible();
	await expect(coachPage.getByTestId('presence-person')).toHaveText(practice.clientName);
	await expect(clientPage.getByTestId('presence-person')).toHaveText(practice.coachName);
	await expect(coachEditor.locator('.note-cursor-label')).toHaveText(practice.clientName);
	await expect(clientEditor.locator('.note-cursor-label')).toHaveText(practice.coachName);
	await expectNoA11yViolations(coachPage);
	await expectNoA11yViolations(clientPage);

	// Typing at the same time, in two places of the same note.
	await Promise.all([
		coachPage.keyboard.type(' The coach adds this sentence while typing.', { delay: 25 }),
		clientPage.keyboard.type(' The client adds this one at the same moment.', { delay: 25 })
	]);
	const expected = [
		'Coach starts here. The coach adds this sentence while typing.',
		'Client continues here. The client adds this one at the same moment.'
	].join('\n');
	await expect.poll(() => coach.text(coachEditor), { timeout: 15_000 }).toBe(expected);
	await expect.poll(() => client.text(clientEditor), { timeout: 15_000 }).toBe(expected);

	// Formatting from the toolbar reaches the other side too.
	await coachEditor.locator('p').first().dblclick();
	const bold = coachPage.getByRole('button', { name: 'Bold' });
	await bold.click();
	await expect(bold).toHaveAttribute('aria-pressed', 'true');
	await expect(clientEditor.locator('strong')).toHaveCount(1);

	// Leaving the note removes the cursor and presence on the other side.
	await client.back();
	await expect(coachEditor.locator('.note-cursor-label')).toHaveCount(0);
	await expect(coachPage.getByText('Nobody else is in this note right now.')).toBeVisible();
});

test('the client comments on a shared note, the coach sees it live and resolves it', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(60_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);

	const editor = await coach.create('shared', 'Action plan');
	await editor.pressSequentially('Walk every morning before work.');
	await client.open('Action plan');
	await client.comments.getByLabel('Add a comment').fill('Could we make it three mornings a week?');
	await client.comments.getByRole('button', { name: 'Comment' }).click();

	const thread = coach.comments.getByRole('article', { name: `Comment by ${practice.clientName}` });
	await expect(thread).toContainText('Could we make it three mornings a week?');
	await thread.getByRole('button', { name: 'Reply' }).click();
	await thread.getByLabel('Reply').fill('Yes, let us start with three.');
	await thread.getByRole('button', { name: 'Send reply' }).click();
	await expect(client.comments).toContainText('Yes, let us start with three.');
	await expectNoA11yViolations(coachPage);

	await thread.getByRole('button', { name: 'Resolve' }).click();
	const resolved = client.comments.getByText('Resolved comments (1)');
	await expect(resolved).toBeVisible();
	await resolved.click();
	await expect(client.comments).toContainText(`Resolved by ${practice.coachName}`);
	await client.comments.getByRole('button', { name: 'Reopen' }).click();
	await expect(coach.comments.getByRole('button', { name: 'Resolve' })).toBeVisible();
	await expectNoA11yViolations(clientPage);

	// Each side is notified once of the other's comment (the client's comment, the coach's reply).
	const commentNotices = async (context: typeof practice.coach) => {
		const response = await context.request.get('/api/notifications');
		const body = (await response.json()) as { notifications: { kind: string }[] };
		return body.notifications.filter((n) => n.kind === 'comment-added').length;
	};
	await expect.poll(() => commentNotices(practice.coach)).toBe(1);
	await expect.poll(() => commentNotices(practice.client)).toBe(1);
});

test('note search finds a note by a word in its body, on both sides', async ({
	browser,
	ownServer
}) => {
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);

	const editor = await coach.create('shared', 'Nutrition');
	await editor.pressSequentially('Try quinoa salads for lunch.');
	await coach.create('shared', 'Sleep');
	await coach.back();
	for (const side of [coach, client]) {
		await side.show();
		await side.search.fill('quinoa');
		await expect(side.searchResults).toHaveText(['Nutrition'], { timeout: 10_000 });
	}
	await client.search.fill('nothing-like-this');
	await expect(clientPage.getByText('No notes match.')).toBeVisible();
	await coach.searchResults.click();
	await expect(coach.editor('Nutrition')).toContainText('quinoa');
	await expectNoA11yViolations(clientPage);
});
