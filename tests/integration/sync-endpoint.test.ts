import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { HttpClient } from '../helpers/http-client';
import { printedConfirmation, signUpCoach } from '../helpers/sign-up';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';

/**
 * The sync endpoint as the app serves it: real accounts, a real invite, cookies and sync tokens,
 * the stock y-websocket client. (sync-server/test covers the protocol server's own edge cases.)
 */
const password = 'correct-horse-9';
let server: RunningServer;
let coach: HttpClient;
let client: HttpClient;
let engagementId: string;
const open: { destroy(): void }[] = [];

/** A ws class that sends a browser's Cookie and Origin with the upgrade, as a page would. */
function browserLikeSocket(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

function connect(docName: string, as: { cookie?: string; token?: string; origin?: string }) {
	const doc = new Y.Doc();
	const headers: Record<string, string> = { origin: as.origin ?? new URL(server.url).origin };
	if (as.cookie) {
		headers.cookie = as.cookie;
	}
	const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, docName, doc, {
		WebSocketPolyfill: browserLikeSocket(headers) as unknown as typeof globalThis.WebSocket,
		params: as.token ? { token: as.token } : {},
		disableBc: true
	});
	const closed = new Promise<number>((resolve) =>
		provider.on('connection-close', (event) => event && resolve(event.code))
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

/**
 * Sends sync step 1 on this connection and waits for the server's step 2. The server answers in
 * order, after whatever this connection sent before; the provider applies the answer.
 */
async function roundTrip(provider: WebsocketProvider): Promise<void> {
	const ws = provider.ws!;
	const answered = new Promise<void>((resolve) => {
		const onMessage = (event: { data: unknown }) => {
			const data = new Uint8Array(event.data as ArrayBuffer);
			if (data[0] === 0 && data[1] === 1) {
				ws.removeEventListener('message', onMessage);
				resolve();
			}
		};
		ws.addEventListener('message', onMessage);
	});
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // messageSync
	syncProtocol.writeSyncStep1(encoder, provider.doc);
	ws.send(encoding.toUint8Array(encoder));
	await answered;
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

async function inviteAndAccept(): Promise<void> {
	coach = new HttpClient(server.url);
	const signedUp = await signUpCoach(
		coach,
		{ name: 'Coach', email: 'c@example.com', password },
		printedConfirmation(server)
	);
	expect(signedUp.status).toBe(201);
	const invite = await coach.post('/api/invites', { name: 'Cli', email: 'cli@example.com' });
	expect(invite.status).toBe(201);
	// Without SMTP_URL the invitation goes to the outbox and its link is printed on the console.
	await waitFor(() => /\/invite\/([a-z0-9]+)/.test(server.output()));
	const token = /\/invite\/([a-z0-9]+)/.exec(server.output())![1];
	client = new HttpClient(server.url);
	const accepted = await client.post(`/api/invites/${token}/accept`, { name: 'Cli', password });
	expect(accepted.status).toBe(201);
	engagementId = ((await accepted.json()) as { engagementId: string }).engagementId;
}

beforeAll(async () => {
	server = await spawnServer();
	await inviteAndAccept();
});

afterAll(async () => {
	open.forEach((h) => h.destroy());
	await server?.stop();
});

describe('the sync endpoint', () => {
	it('lets coach and client edit the shared document and converge', async () => {
		const a = connect(`eng:${engagementId}`, { cookie: coach.cookieHeader });
		const b = connect(`eng:${engagementId}`, { cookie: client.cookieHeader });
		await Promise.all([a.synced, b.synced]);
		a.doc.getText('t').insert(0, 'coach ');
		b.doc.getText('t').insert(0, 'client ');
		await waitFor(
			() =>
				a.doc.getText('t').toString() === b.doc.getText('t').toString() &&
				a.doc.getText('t').length === 13
		);
		a.destroy();
		b.destroy();
	});

	it('lets the client read the subscription document but never write to it', async () => {
		const coachSide = connect(`sub:${engagementId}`, { cookie: coach.cookieHeader });
		const clientSide = connect(`sub:${engagementId}`, { cookie: client.cookieHeader });
		await Promise.all([coachSide.synced, clientSide.synced]);
		coachSide.doc.getMap('package').set('name', 'Six sessions');
		await waitFor(() => clientSide.doc.getMap('package').get('name') === 'Six sessions');
		clientSide.doc.getMap('package').set('name', 'Free forever');
		// Barrier, not time: the server has handled the client's write, then the coach's
		// connection has been sent the server's whole state since.
		await roundTrip(clientSide.provider);
		await roundTrip(coachSide.provider);
		expect(coachSide.doc.getMap('package').get('name')).toBe('Six sessions');
		// A fresh coach connection sees what the server stored: the client's write is not there.
		const fresh = connect(`sub:${engagementId}`, { cookie: coach.cookieHeader });
		await fresh.synced;
		expect(fresh.doc.getMap('package').get('name')).toBe('Six sessions');
		[coachSide, clientSide, fresh].forEach((h) => h.destroy());
	});

	it('refuses no session with 4401 and a stranger with 4403', async () => {
		const anonymous = connect(`eng:${engagementId}`, {});
		expect(await anonymous.closed).toBe(4401);
		anonymous.destroy();

		const stranger = new HttpClient(server.url);
		await signUpCoach(
			stranger,
			{ name: 'S', email: 's@example.com', password },
			printedConfirmation(server)
		);
		const intruder = connect(`eng:${engagementId}`, { cookie: stranger.cookieHeader });
		expect(await intruder.closed).toBe(4403);
		expect(intruder.doc.getText('t').toString()).toBe('');
		intruder.destroy();

		const coachDocOfOther = connect(
			`coach:${((await (await coach.get('/api/me')).json()) as { user: { id: string } }).user.id}`,
			{
				cookie: client.cookieHeader
			}
		);
		expect(await coachDocOfOther.closed).toBe(4403);
		coachDocOfOther.destroy();
	});

	it('refuses an upgrade from a foreign Origin', async () => {
		const status = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/eng:${engagementId}`, {
				headers: { origin: 'https://evil.example', cookie: coach.cookieHeader }
			});
			ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.on('open', () => resolve(101));
			ws.on('error', () => {});
		});
		expect(status).toBe(403);
	});

	it('accepts a short-lived sync token instead of the cookie', async () => {
		const minted = await client.post('/api/sync-token');
		expect(minted.status).toBe(200);
		const { token } = (await minted.json()) as { token: string };
		const viaToken = connect(`eng:${engagementId}`, { token });
		await viaToken.synced;
		expect(viaToken.doc.getText('t').length).toBe(13);
		viaToken.destroy();
	});

	it('closes live connections of a session that signs out with 4401 (sign in again)', async () => {
		const device = new HttpClient(server.url);
		await device.post('/api/auth/login', { email: 'cli@example.com', password });
		const live = connect(`eng:${engagementId}`, { cookie: device.cookieHeader });
		await live.synced;
		await device.post('/api/auth/logout');
		expect(await live.closed).toBe(4401);
		live.destroy();
	});

	it("closes the client's connections with 4410 when the coach ends the engagement", async () => {
		const other = new HttpClient(server.url);
		await signUpCoach(
			other,
			{ name: 'Coach Two', email: 'c2@example.com', password },
			printedConfirmation(server)
		);
		const invite = await other.post('/api/invites', { name: 'Cli', email: 'cli@example.com' });
		expect(invite.status).toBe(201);
		const { invite: created } = (await invite.json()) as { invite: { engagementId: string } };
		await waitFor(() => (server.output().match(/\/invite\/[a-z0-9]+/g) ?? []).length >= 2);
		const token = [...server.output().matchAll(/\/invite\/([a-z0-9]+)/g)].at(-1)![1];
		const accepted = await client.post(`/api/invites/${token}/accept`, { password });
		expect(accepted.status).toBe(201);
		const live = connect(`eng:${created.engagementId}`, { cookie: client.cookieHeader });
		await live.synced;
		const ended = await other.post(`/api/engagements/${created.engagementId}/end`);
		expect(ended.status).toBe(200);
		expect(await live.closed).toBe(4410);
		live.destroy();
	});

	it('keeps everything across a restart', async () => {
		const dataDir = server.dataDir;
		await server.stop();
		server = await spawnServer({ dataDir });
		const again = connect(`eng:${engagementId}`, { cookie: coach.cookieHeader });
		await again.synced;
		expect(again.doc.getText('t').length).toBe(13);
		again.destroy();
	});
});
