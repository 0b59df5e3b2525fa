import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { WorkspacePage } from './pages/workspace-pages';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';

const count = (list: string[], text: string) => list.filter((t) => t === text).length;

test('coach and client keep working through a server outage and converge afterwards', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	const client = new WorkspacePage(clientPage);

	// Live, both ways.
	await coach.sendMessage('Welcome aboard!');
	await expect(client.messages.filter({ hasText: 'Welcome aboard!' })).toHaveCount(1);
	await client.sendMessage('Thanks, glad to start.');
	await expect(coach.messages.filter({ hasText: 'Thanks, glad to start.' })).toHaveCount(1);
	await expect(coach.syncStatus).toHaveText(/All changes saved/);
	await waitForServiceWorkerControl(coachPage);
	await waitForServiceWorkerControl(clientPage);

	// The server goes away; both keep writing.
	await ownServer.stop();
	await coach.sendMessage('Coach, written offline');
	await coach.createGoal('Prepare session plan');
	await client.sendMessage('Client, written offline');
	await client.createGoal('Walk 20 minutes a day');
	await expect(coach.syncStatus).toContainText(/Offline|Syncing/);
	await expect(coach.syncStatus).toContainText(/not yet on the server/);

	// A reload with the server down still shows everything written so far, from this device.
	await coachPage.reload();
	await clientPage.reload();
	for (const side of [coach, client]) {
		await expect(side.messages.filter({ hasText: 'Welcome aboard!' })).toHaveCount(1);
	}
	expect(await coach.messageTexts()).toContain('Coach, written offline');
	expect(await client.messageTexts()).toContain('Client, written offline');
	expect(await coach.goalTitles()).toContain('Prepare session plan');
	expect(await client.goalTitles()).toContain('Walk 20 minutes a day');

	// Back online: both converge, nothing lost, nothing doubled.
	await ownServer.restart();
	const expectedMessages = [
		'Welcome aboard!',
		'Thanks, glad to start.',
		'Coach, written offline',
		'Client, written offline'
	];
	for (const side of [coach, client]) {
		await side.chatTab.click();
		await expect(side.messages).toHaveCount(expectedMessages.length, { timeout: 20_000 });
		const texts = await side.messageTexts();
		for (const text of expectedMessages) {
			expect(count(texts, text), text).toBe(1);
		}
		await expect(side.syncStatus).toHaveText(/All changes saved/, { timeout: 20_000 });
	}
	expect(await coach.messageTexts()).toEqual(await client.messageTexts());
	for (const side of [coach, client]) {
		const goals = await side.goalTitles();
		expect(goals.toSorted()).toEqual(['Prepare session plan', 'Walk 20 minutes a day']);
	}
});
