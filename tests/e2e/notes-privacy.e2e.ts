import type { Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { expect, test } from '../fixtures/own-server';
import { createPractice } from '../fixtures/practice';
import { NotesPage } from './pages/notes-pages';
import { WorkspacePage } from './pages/workspace-pages';

/*
 * Markers are written in ONE editor transaction each (insertText, a title, a share), so where
 * they travel or are stored they appear as one contiguous UTF-8 string, found by a byte search.
 * A leak typed key by key could be split across updates; that is why nothing here is typed.
 */
const PRIVATE_TITLE = 'Burnout risk PRIVTITLE-7c1e';
const PRIVATE_BODY = 'Mentions sleeping badly PRIVBODY-41a9';
const SHARED_COPY = 'Morning walks SHAREDCOPY-9b2f';
const LATER_PRIVATE = 'Added after sharing LATERPRIVATE-5d03';

/** Which IndexedDB databases of the page, and which of their stores, contain each marker. */
function scanIndexedDb(page: Page, markers: string[]) {
	return page.evaluate(async (markers) => {
		const decoder = new TextDecoder();
		const toText = (value: unknown): string =>
			value instanceof Uint8Array || value instanceof ArrayBuffer
				? decoder.decode(value)
				: JSON.stringify(value, (_key, inner: unknown) =>
						inner instanceof Uint8Array ? decoder.decode(inner) : inner
					);
		const request = <T>(r: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
			});
		const found: Record<string, string[]> = Object.fromEntries(markers.map((m) => [m, []]));
		const names = (await indexedDB.databases()).map((info) => info.name ?? '');
		for (const name of names) {
			const db = await request(indexedDB.open(name));
			for (const store of [...db.objectStoreNames]) {
				const rows = await request(db.transaction(store, 'readonly').objectStore(store).getAll());
				const text = rows.map(toText).join('\n');
				markers.filter((m) => text.includes(m)).forEach((m) => found[m]?.push(`${name}/${store}`));
			}
			db.close();
		}
		return { names, found };
	}, markers);
}

test('private notes never reach the client: not in its IndexedDB, not in any sync message', async ({
	browser,
	ownServer
}) => {
	test.setTimeout(90_000);
	const practice = await createPractice(browser, ownServer);
	const clientPage = await practice.client.newPage();
	const received: Buffer[] = [];
	clientPage.on('websocket', (socket) =>
		socket.on('framereceived', ({ payload }) => received.push(Buffer.from(payload)))
	);
	const coachPage = await practice.coach.newPage();
	await clientPage.goto('/client');
	await coachPage.goto(`/coach/clients/${practice.engagementId}`);
	const coach = new NotesPage(coachPage);
	const client = new NotesPage(clientPage);
	await client.show();

	// A private note, and one the coach deliberately shares as a copy.
	await coach.create('private', PRIVATE_TITLE);
	await coachPage.keyboard.insertText(PRIVATE_BODY);
	await coach.create('private', 'Plan to share');
	await coachPage.keyboard.insertText(SHARED_COPY);
	await coach.show();
	await expect(
		coach.private.getByRole('button', { name: PRIVATE_TITLE, exact: true })
	).toBeVisible();
	await expectNoA11yViolations(coachPage);
	await coach.private.getByRole('button', { name: 'Share Plan to share with client' }).click();
	await expect(coach.private.getByText(/Share a copy of this private note/)).toBeVisible();
	await coach.private.getByRole('button', { name: 'Share a copy' }).click();
	await expect(coach.private.getByRole('status')).toHaveText(/Shared a copy of “Plan to share”/);
	await expect(
		coach.shared.getByRole('button', { name: 'Plan to share', exact: true })
	).toBeVisible();

	// Editing the private original later does not touch the client's copy.
	await coach.private.getByRole('button', { name: 'Plan to share', exact: true }).click();
	const original = coach.editor('Plan to share');
	await coach.caretAtEndOf(original, 0);
	await coachPage.keyboard.insertText(` ${LATER_PRIVATE}`);
	await expect(original).toContainText(LATER_PRIVATE);
	await expect(new WorkspacePage(coachPage).syncStatus).toHaveText(/All changes saved/);

	const copy = await client.open('Plan to share');
	await expect(copy).toHaveText(SHARED_COPY);
	await client.back();
	await expect(client.private).toHaveCount(0);
	await expect(clientPage.getByText(PRIVATE_TITLE)).toHaveCount(0);
	// Barrier, not time: a message the coach sends after all of the above reaches the client
	// after anything the server relayed to it before.
	await new WorkspacePage(coachPage).sendMessage('Privacy sentinel');
	await expect.poll(() => received.some((frame) => frame.includes('Privacy sentinel'))).toBe(true);

	// Every frame the client received: the shared copy yes (so the search works), private no.
	const frames = Buffer.concat(received);
	expect(frames.includes(SHARED_COPY)).toBe(true);
	for (const secret of [PRIVATE_TITLE, PRIVATE_BODY, LATER_PRIVATE]) {
		expect(
			received.some((frame) => frame.includes(secret)),
			secret
		).toBe(false);
	}

	// The client's IndexedDB: no coach: document at all, and no private text anywhere.
	const markers = [SHARED_COPY, PRIVATE_TITLE, PRIVATE_BODY, LATER_PRIVATE];
	const scan = await scanIndexedDb(clientPage, markers);
	expect(scan.names.filter((name) => name.includes('coach:'))).toEqual([]);
	expect(scan.found[SHARED_COPY]?.length).toBeGreaterThan(0);
	expect(scan.found[PRIVATE_TITLE]).toEqual([]);
	expect(scan.found[PRIVATE_BODY]).toEqual([]);
	expect(scan.found[LATER_PRIVATE]).toEqual([]);

	// And the server refuses the coach's document to the client outright.
	const list = (await (await practice.client.request.get('/api/engagements')).json()) as {
		engagements: { coach: { id: string } }[];
	};
	const coachId = list.engagements[0]?.coach.id ?? '';
	const closeCode = await clientPage.evaluate(
		(name) =>
			new Promise<number>((resolve) => {
				const socket = new WebSocket(`ws://${location.host}/sync/${name}`);
				socket.onclose = (event) => resolve(event.code);
			}),
		`coach:${coachId}`
	);
	expect(closeCode).toBe(4403);
});
