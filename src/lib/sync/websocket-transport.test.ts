import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	authenticateByToken,
	startTestServer,
	waitFor,
	type TestServer
} from '../../../sync-server/test/helpers';
import { localOrigin } from '../docs/origin';
import { MemoryDocStorage } from '../local/doc-persistence.testing';
import { DocRegistry } from '../local/doc-registry';
import { TestNetwork } from './network.testing';
import { CloseCode, type DocAccess } from './protocol';
import { websocketTransport } from './websocket-transport';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0).reverse()) {
		await fn();
	}
});

/** A real sync server where alice may write everything, bob may only read, others are nobody. */
async function server(): Promise<TestServer> {
	const s = await startTestServer({
		authenticate: authenticateByToken,
		authorize: async (principal): Promise<DocAccess> =>
			principal.userId === 'alice' ? 'read-write' : 'read-only'
	});
	cleanups.push(() => s.close());
	return s;
}

function registry(
	s: TestServer,
	token: string,
	options: { storage?: MemoryDocStorage; userId?: string } = {}
) {
	const r = new DocRegistry({
		// Local storage is named after the user: a reload of the same account reuses it.
		userId: options.userId ?? token,
		persistence: (options.storage ?? new MemoryDocStorage()).open,
		transport: websocketTransport({
			serverUrl: s.url,
			params: { token },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: 200
		}),
		network: new TestNetwork(),
		migrate: () => {}
	});
	cleanups.push(() => r.destroy());
	return r;
}

const edit = (doc: Y.Doc, key: string) =>
	doc.transact(() => doc.getMap('m').set(key, key), localOrigin('alice'));

async function serverValue(s: TestServer, key: string): Promise<unknown> {
	return s.sync.withDoc('eng:abc', (doc) => doc.getMap('m').get(key));
}

describe('pending changes against the real sync server', () => {
	it('a change counts until the server echoes it back', async () => {
		const s = await server();
		const r = registry(s, 'alice');
		const { doc, whenLoaded } = r.open('eng:abc');
		await whenLoaded;
		expect(r.summary.state).toBe('syncing');
		await waitFor(() => r.summary.state === 'online');
		edit(doc, 'live');
		expect(r.summary).toMatchObject({ pending: 1, state: 'syncing' });
		await waitFor(() => r.summary.pending === 0);
		expect(r.summary.state).toBe('online');
		expect(await serverValue(s, 'live')).toBe('live');
	});

	it('edits made while disconnected count until the reconnect is confirmed', async () => {
		const s = await server();
		const r = registry(s, 'alice');
		const { doc, whenLoaded } = r.open('eng:abc');
		await whenLoaded;
		await waitFor(() => r.summary.state === 'online');
		s.sync.closeConnections(() => true, CloseCode.ServerShutdown, 'restart');
		await waitFor(() => r.summary.state === 'offline');
		edit(doc, 'a');
		edit(doc, 'b');
		expect(r.summary.pending).toBe(2);
		await waitFor(() => r.summary.state === 'online', 5000);
		expect(r.summary.pending).toBe(0);
		expect(await serverValue(s, 'b')).toBe('b');
	});

	it('edits the server drops (read-only access) never count as confirmed', async () => {
		const s = await server();
		const r = registry(s, 'bob');
		const { doc, whenLoaded } = r.open('eng:abc');
		await whenLoaded;
		await waitFor(() => r.docStatus('eng:abc')?.synced === true);
		edit(doc, 'ignored');
		// Another change from a writer proves messages still flow after ours was dropped.
		await s.sync.withDoc('eng:abc', (d) => d.getMap('m').set('server', 'x'));
		await waitFor(() => doc.getMap('m').get('server') === 'x');
		expect(r.summary).toMatchObject({ pending: 1, state: 'syncing' });
	});

	it('offline edits from before a reload count until the server has them', async () => {
		const s = await server();
		const storage = new MemoryDocStorage();
		// First session: the server refuses the upgrade, so every edit stays on the device.
		const refused = registry(s, 'nobody', { storage, userId: 'u1' });
		const first = refused.open('eng:abc');
		await first.whenLoaded;
		await waitFor(() => refused.sessionExpired);
		expect(refused.summary.state).toBe('offline');
		edit(first.doc, 'offline');
		await refused.destroy();

		// After the reload (and signing in again) the same account's local copy is opened.
		const reloaded = registry(s, 'alice', { storage, userId: 'u1' });
		const handle = reloaded.open('eng:abc');
		await handle.whenLoaded;
		expect(handle.doc.getMap('m').get('offline')).toBe('offline');
		expect(reloaded.summary.pending).toBe(1);
		await waitFor(() => reloaded.summary.state === 'online');
		expect(reloaded.summary.pending).toBe(0);
		expect(await serverValue(s, 'offline')).toBe('offline');
	});
});

describe('close codes from the real sync server', () => {
	it('4401 expires the session and stops reconnecting', async () => {
		const s = await server();
		const r = registry(s, 'nobody');
		let expired = 0;
		r.on('session-expired', () => expired++);
		await r.open('eng:abc').whenLoaded;
		await waitFor(() => r.sessionExpired);
		expect(r.docStatus('eng:abc')).toMatchObject({ problem: 'session-expired', closeCode: 4401 });
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(expired).toBe(1);
		expect(s.sync.stats().connections).toBe(0);
	});

	it('4410 loses access to one document', async () => {
		const s = await server();
		const r = registry(s, 'alice');
		const lost: string[] = [];
		r.on('access-lost', (name) => lost.push(name));
		await Promise.all([r.open('eng:abc').whenLoaded, r.open('eng:def').whenLoaded]);
		await waitFor(() => r.summary.state === 'online');
		s.sync.closeConnections((c) => c.docName === 'eng:abc', CloseCode.AccessRevoked, 'removed');
		await waitFor(() => lost.length === 1);
		expect(lost).toEqual(['eng:abc']);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(r.docStatus('eng:abc')?.connection).toBe('disconnected');
		expect(r.summary.state).toBe('online');
	});
});
