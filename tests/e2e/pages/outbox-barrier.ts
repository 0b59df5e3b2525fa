import { expect, type Page } from '@playwright/test';

/**
 * Entries in the signed-in user's outbox (server requests queued by this device: notification
 * reports, offline API calls). Every tab of a user shares it; a sent entry is deleted once the
 * server answered, so zero means everything this device had to say has been said and answered.
 */
function outboxSize(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((info) => info.name ?? '');
		let total = 0;
		for (const name of names.filter((n) => n.startsWith('tandem-index:'))) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('cannot open ' + name));
			});
			if (db.objectStoreNames.contains('outbox')) {
				const count = db.transaction('outbox', 'readonly').objectStore('outbox').count();
				total += await new Promise<number>((resolve, reject) => {
					count.onsuccess = () => resolve(count.result);
					count.onerror = () => reject(count.error ?? new Error('cannot count'));
				});
			}
			db.close();
		}
		return total;
	});
}

/** The barrier for "no more reports are coming": each page's device outbox is empty. */
export async function expectOutboxesDrained(pages: readonly Page[]): Promise<void> {
	for (const page of pages) {
		await expect.poll(() => outboxSize(page), { timeout: 15_000 }).toBe(0);
	}
}
