import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createActor } from '../../src/lib/docs/actor';
import * as eng from '../../src/lib/docs/engagement-doc';
import type { Practice } from './practice';

const BATCH = 1_000;
const MINUTE = 60_000;

export const messageText = (n: number) => `Bench message ${n} of the long conversation`;

/** A ws class that sends the coach's cookie and the page Origin with the upgrade, as a tab would. */
function browserLikeSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

interface Connection {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
	destroy(): void;
}

function connect(serverUrl: string, practice: Practice): Connection {
	const doc = new Y.Doc();
	const headers = { origin: new URL(serverUrl).origin, cookie: practice.coach.cookieHeader };
	const provider = new WebsocketProvider(
		`${serverUrl.replace('http', 'ws')}/sync`,
		`eng:${practice.engagementId}`,
		doc,
		{
			WebSocketPolyfill: browserLikeSocket(headers) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		}
	);
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function writeMessages(doc: Y.Doc, practice: Practice, count: number): void {
	// Coach and client take turns, one message a minute ending now, so the chat spans ~7 days
	// and shows day separators as a real one would.
	const start = Date.now() - count * MINUTE;
	const authors = [practice.coachId, practice.clientId];
	for (let first = 1; first <= count; first += BATCH) {
		// One transaction per thousand: one update (and one server write) instead of a thousand.
		doc.transact(() => {
			for (let n = first; n < first + BATCH && n <= count; n += 1) {
				const actor = createActor({
					userId: authors[n % 2]!,
					now: () => start + n * MINUTE
				});
				const result = eng.sendMessage(doc, actor, { text: messageText(n) });
				if (!result.ok) {
					throw new Error(`message ${n} refused: ${result.message}`);
				}
			}
		});
	}
}

/** Messages the server holds right now, as a fresh client receives them. */
async function serverCount(serverUrl: string, practice: Practice): Promise<number> {
	const reader = connect(serverUrl, practice);
	try {
		await withTimeout(reader.synced, 10_000, 'syncing a fresh reader');
		return eng.listMessages(reader.doc).length;
	} finally {
		reader.destroy();
	}
}

/**
 * Writes `count` chat messages into the engagement document through the real sync endpoint with
 * the stock y-websocket client, and returns once a fresh client receives all of them back.
 */
export async function seedChat(serverUrl: string, practice: Practice, count: number) {
	const writer = connect(serverUrl, practice);
	try {
		await withTimeout(writer.synced, 10_000, 'syncing the writer');
		eng.migrate(writer.doc);
		writeMessages(writer.doc, practice, count);
		const deadline = Date.now() + 60_000;
		for (let seen = await serverCount(serverUrl, practice); seen < count;) {
			if (Date.now() > deadline) {
				throw new Error(`the server holds ${seen} of ${count} messages after 60 s`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
			seen = await serverCount(serverUrl, practice);
		}
		return Y.encodeStateAsUpdate(writer.doc);
	} finally {
		writer.destroy();
	}
}
