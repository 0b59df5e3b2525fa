import { expect, test } from '../fixtures/own-server';
import { openBothSides } from '../fixtures/practice';
import { waitForServiceWorkerControl } from '../fixtures/service-worker';
import { SettingsPage, type ExportedZip } from './pages/export-pages';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';

const PRIVATE_TEXT = 'Only for me: suspects burnout';

function listingMatchesManifest(zip: ExportedZip): void {
	const manifest = zip.manifest();
	expect(Object.keys(zip.files).sort()).toEqual(
		['manifest.json', ...manifest.files.map((f) => f.path)].sort()
	);
	for (const file of manifest.files) {
		expect(zip.files[file.path]?.length, file.path).toBe(file.bytes);
	}
}

const anyFileContains = (zip: ExportedZip, text: string) =>
	Object.keys(zip.files).some((path) => zip.text(path).includes(text));

test('coach and client export their data from Settings with the server down', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const { practice, coachPage, clientPage } = await openBothSides(browser, ownServer);
	const coach = new WorkspacePage(coachPage);
	await coach.sendMessage('Welcome aboard, Cody!');
	await expect(
		new WorkspacePage(clientPage).messages.filter({ hasText: 'Welcome aboard' })
	).toHaveCount(1);
	const notes = new NotesPage(coachPage);
	const editor = await notes.create('private', 'Intake');
	await editor.pressSequentially(PRIVATE_TEXT);
	await expect(coach.syncStatus).toHaveText(/All changes saved/);
	await waitForServiceWorkerControl(coachPage);
	await waitForServiceWorkerControl(clientPage);

	// The server goes away and the browsers lose the network: the export is built on the device.
	await ownServer.stop();
	await practice.coach.setOffline(true);
	await practice.client.setOffline(true);

	const coachSettings = new SettingsPage(coachPage);
	await coachSettings.open();
	const coachZip = await coachSettings.exportZip();
	await expect(coachSettings.result).toContainText(
		/tandem-export-\d{4}-\d{2}-\d{2}\.zip \(.+, \d+ files\)/
	);
	expect(coachZip.fileName).toMatch(/^tandem-export-\d{4}-\d{2}-\d{2}\.zip$/);
	listingMatchesManifest(coachZip);
	expect(coachZip.manifest().coachDoc).toBe('coach.yjs');
	const folder = Object.keys(coachZip.files).find((p) => p.endsWith('/chat.md'))!;
	expect(coachZip.text(folder)).toContain('Welcome aboard, Cody!');
	expect(coachZip.text(folder)).toMatch(/### Carla Coach · \d{4}-\d{2}-\d{2}T/);
	const privateNote = Object.keys(coachZip.files).find((p) => p.startsWith('private-notes/'));
	expect(privateNote).toMatch(/^private-notes\/cody-client-[a-z0-9]+\/intake\.md$/);
	expect(coachZip.text(privateNote!)).toContain(PRIVATE_TEXT);

	// The client reloads first (from the offline cache): no document is open in the tab then, so
	// the export reads every one from this device's stored copies.
	const clientSettings = new SettingsPage(clientPage);
	await clientSettings.open();
	await clientPage.reload();
	await expect(clientSettings.exportButton).toBeVisible();
	const clientZip = await clientSettings.exportZip();
	listingMatchesManifest(clientZip);
	expect(clientZip.manifest().coachDoc).toBeNull();
	expect(
		clientZip.text(Object.keys(clientZip.files).find((p) => p.endsWith('/chat.md'))!)
	).toContain('Welcome aboard, Cody!');
	expect(Object.keys(clientZip.files).some((p) => p.startsWith('private-notes/'))).toBe(false);
	expect(anyFileContains(clientZip, 'suspects burnout')).toBe(false);
});
