import { indexDbName, type TandemIndexDb } from './db';
import { storageName } from './doc-persistence';
import { forgetUser } from './remembered-user';

/**
 * Deletes one IndexedDB database. Resolves when it is gone, or as soon as another tab blocks it:
 * the browser then finishes the deletion when that tab closes, and nobody should wait for that.
 */
function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => resolve();
		request.onblocked = () => resolve();
	});
}

/** The names of this user's databases: listed by the browser, or derived from known docs. */
async function databasesOf(userId: string, knownDocs: readonly string[]): Promise<string[]> {
	const index = indexDbName(userId);
	const prefix = storageName(userId, '');
	if (typeof indexedDB.databases === 'function') {
		const all = await indexedDB.databases();
		return all
			.map((db) => db.name ?? '')
			.filter((name) => name === index || name.startsWith(prefix));
	}
	// Older browsers cannot list databases: delete the ones the app knows it made.
	return [index, ...knownDocs.map((doc) => storageName(userId, doc))];
}

/**
 * After an account deletion: removes everything this device holds for the user (their
 * document copies, the search index and offline outbox, the remembered sign-in). Other
 * accounts used on the same browser keep theirs: every name here is per user.
 * Close the user's documents first (DocRegistry.destroy), or open handles delay the deletion.
 */
export async function forgetLocalData(userId: string, knownDocs: readonly string[]): Promise<void> {
	forgetUser();
	const names = await databasesOf(userId, knownDocs);
	await Promise.all(names.map(deleteDatabase));
}

/**
 * "Remove from this device" for one closed engagement: deletes its two document copies and its
 * rows in the search index. Close the documents first (DocRegistry.close), or the deletion
 * waits for them.
 */
export async function forgetEngagement(options: {
	userId: string;
	engagementId: string;
	docs: { shared: string; subscription: string };
	indexDb: TandemIndexDb;
}): Promise<void> {
	const { userId, engagementId, docs, indexDb } = options;
	await Promise.all([
		deleteDatabase(storageName(userId, docs.shared)),
		deleteDatabase(storageName(userId, docs.subscription)),
		indexDb.transaction(
			'rw',
			[indexDb.conversations, indexDb.notes, indexDb.goals, indexDb.subscriptions],
			async () => {
				await indexDb.conversations.delete(engagementId);
				await indexDb.subscriptions.delete(engagementId);
				// Only the shared notes: a coach's private notes about the client live in coach: and stay.
				await indexDb.notes.where('docName').equals(docs.shared).delete();
				await indexDb.goals.where('engagementId').equals(engagementId).delete();
			}
		)
	]);
}
