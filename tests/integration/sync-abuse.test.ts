import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as eng from '../../src/lib/docs/engagement-doc';
import { messagesArray, readsMap } from '../../src/lib/docs/engagement-schema';
import { CloseCode } from '../../src/lib/sync/protocol';
import { buildActor } from '../factories/actors';
import { HttpClient } from '../helpers/http-client';
import { signedUpCoach } from '../helpers/sign-up';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';

/**
 * Issue 15 items 2, 5 and 9 against the app as `npm start` runs it: a signed-in client abuses
 * presence, sockets, the chat's history and authorship, and the document size limit.
 */
const password = 'correct-horse-9';
const MAX_DOC_BYTES = 64 * 1024;
let server: RunningServer;
let coach: HttpClient;
let client: HttpClient;
let ids: { coach: string; client: string };
let docName: string;
const open: { destroy(): void }[] = [];

function browserLikeSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

function headersOf(who: HttpClient) {
	return { origin: new URL(server.url).origin, cookie: who.cookieHeader };
}

function connect(who: HttpClient) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, docName, doc, {
		WebSocketPolyfill: browserLikeSocket(headersOf(who)) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		provider.on('connection-close', (event) => event && resolve(event))
	);
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	const handle = {
		doc,
		provider,
		closed,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
	open.push(handle);
	return handle;
}

function rawSocket(who: HttpClient) {
	const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${docName}`, {
		headers: headersOf(who)
	});
	ws.on('error', () => {});
	open.push({ destroy: () => ws.terminate() });
	return {
		ws,
		opened: new Promise<void>((resolve) => ws.once('open', () => resolve())),
		closed: new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
	};
}

function awarenessMessage(clientId: number, clock: number, state: unknown): Buffer {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, 1);
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
	return Buffer.from(encoding.toUint8Array(message));
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function userId(who: HttpClient): Promise<string> {
	return ((await (await who.get('/api/me')).json()) as { user: { id: string } }).user.id;
}

/** What a fresh connection of the coach loads: the server's stored document. */
async function storedMessages(): Promise<readonly { text: string; authorId: string }[]> {
	const fresh = connect(coach);
	await fresh.synced;
	const messages = eng.listMessages(fresh.doc);
	fresh.destroy();
	return messages;
}

beforeAll(async () => {
	server = await spawnServer({ env: { SYNC_MAX_DOC_BYTES: String(MAX_DOC_BYTES) } });
	coach = (await signedUpCoach(server, { name: 'Coach', email: 'c@example.com', password })).client;
	expect((await coach.post('/api/invites', { name: 'Cli', email: 'cli@example.com' })).status).toBe(
		201
	);
	await waitFor(() => /\/invite\/([a-z0-9]+)/.test(server.output()));
	const token = /\/invite\/([a-z0-9]+)/.exec(server.output())![1];
	client = new HttpClient(server.url);
	const accepted = await client.post(`/api/invites/${token}/accept`, { name: 'Cli', password });
	expect(accepted.status).toBe(201);
	docName = `eng:${((await accepted.json()) as { engagementId: string }).engagementId}`;
	ids = { coach: await userId(coach), client: await userId(client) };
});

afterAll(async () => {
	open.forEach((h) => h.destroy());
	await server?.stop();
});

describe('presence and sockets', () => {
	it("ignores a client's presence written under the coach's client id", async () => {
		const coachSide = connect(coach);
		const observer = connect(coach);
		await Promise.all([coachSide.synced, observer.synced]);
		coachSide.provider.awareness.setLocalState({ call: { role: 'coach', state: 'idle' } });
		const coachId = coachSide.doc.clientID;
		await waitFor(() => observer.provider.awareness.getStates().has(coachId));
		const attacker = rawSocket(client);
		await attacker.opened;
		const forged = { call: { role: 'coach', state: 'in-call', peerId: 'attacker' } };
		attacker.ws.send(awarenessMessage(coachId, 999, forged));
		attacker.ws.send(awarenessMessage(31337, 1, { user: 'client' }));
		await waitFor(() => observer.provider.awareness.getStates().has(31337));
		expect(observer.provider.awareness.getStates().get(coachId)).toEqual({
			call: { role: 'coach', state: 'idle' }
		});
		// Closed before the next test counts this user's sockets (a slow machine may lag behind).
		attacker.ws.close();
		await attacker.closed;
		coachSide.destroy();
		observer.destroy();
	});

	it('refuses the 21st socket of one user on one document with 4430', async () => {
		const sockets = Array.from({ length: 20 }, () => rawSocket(client));
		await Promise.all(sockets.map((s) => s.opened));
		// Each one is counted once the server has authenticated it; the 21st waits for all.
		const extra = rawSocket(client);
		expect(await extra.closed).toBe(CloseCode.TooManyConnections);
		const coachSide = connect(coach);
		await coachSide.synced;
		sockets.forEach((s) => s.ws.close());
		await Promise.all(sockets.map((s) => s.closed));
		const again = connect(client);
		await again.synced;
		again.destroy();
		coachSide.destroy();
	});
});

describe('chat history and authorship (eng: documents)', () => {
	it("refuses a client deleting the coach's message; nothing is stored or relayed", async () => {
		const coachSide = connect(coach);
		await coachSide.synced;
		eng.sendMessage(coachSide.doc, buildActor(ids.coach), { text: 'Our agreement' });
		const attacker = connect(client);
		await attacker.synced;
		await waitFor(() => eng.listMessages(attacker.doc).length === 1);
		messagesArray(attacker.doc).delete(0, 1);
		const closed = await attacker.closed;
		expect(closed.code).toBe(CloseCode.UpdateRefused);
		expect(closed.reason).toMatch(/another person/);
		expect((await storedMessages()).map((m) => m.text)).toEqual(['Our agreement']);
		expect(eng.listMessages(coachSide.doc)).toHaveLength(1);
		attacker.destroy();
		coachSide.destroy();
	});

	it("refuses a message with the coach's authorId and a move of the coach's read marker", async () => {
		const forger = connect(client);
		await forger.synced;
		eng.sendMessage(forger.doc, buildActor(ids.coach), { text: 'No refunds, ever' });
		expect((await forger.closed).code).toBe(CloseCode.UpdateRefused);
		forger.destroy();

		const marker = connect(client);
		await marker.synced;
		const [first] = eng.listMessages(marker.doc);
		readsMap(marker.doc).set(ids.coach, { messageId: first!.id, sentAt: 0, readAt: 1 });
		expect((await marker.closed).code).toBe(CloseCode.UpdateRefused);
		marker.destroy();

		const check = connect(coach);
		await check.synced;
		expect(eng.listMessages(check.doc).map((m) => m.text)).toEqual(['Our agreement']);
		expect(eng.readMarker(check.doc, ids.coach)).toBeNull();
		check.destroy();
	});

	it('lets each person write, mark as read and co-edit as before', async () => {
		const coachSide = connect(coach);
		const clientSide = connect(client);
		await Promise.all([coachSide.synced, clientSide.synced]);
		const clientActor = buildActor(ids.client);
		eng.sendMessage(clientSide.doc, clientActor, { text: 'Thanks!' });
		const [agreement] = eng.listMessages(clientSide.doc);
		eng.markRead(clientSide.doc, clientActor, { messageId: agreement!.id });
		const note = eng.createNote(clientSide.doc, clientActor, { title: 'Plan', text: 'One' });
		await waitFor(() => eng.listNotes(coachSide.doc).length === 1);
		const noteId = note.ok ? note.value : '';
		eng.setNoteText(coachSide.doc, buildActor(ids.coach), { noteId, text: 'One, two' });
		await waitFor(() => eng.getNote(clientSide.doc, noteId)?.bodyText === 'One, two');
		expect(eng.listMessages(coachSide.doc).map((m) => m.text)).toEqual([
			'Our agreement',
			'Thanks!'
		]);
		expect(eng.readMarker(coachSide.doc, ids.client)?.messageId).toBe(agreement!.id);
		coachSide.destroy();
		clientSide.destroy();
	});
});

describe('document size', () => {
	it('refuses growth past SYNC_MAX_DOC_BYTES with 4432 and keeps what was there', async () => {
		const writer = connect(client);
		await writer.synced;
		messagesArray(writer.doc).push([
			{ id: 'huge', authorId: ids.client, text: 'x'.repeat(MAX_DOC_BYTES), sentAt: 1 }
		]);
		const closed = await writer.closed;
		expect(closed.code).toBe(CloseCode.DocumentTooLarge);
		expect(closed.reason).toContain(String(MAX_DOC_BYTES));
		expect((await storedMessages()).map((m) => m.text)).toEqual(['Our agreement', 'Thanks!']);
		writer.destroy();
	});
});
