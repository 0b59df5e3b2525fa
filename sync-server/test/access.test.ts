import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/sync/protocol';
import { testResources, rawClient, text, waitFor } from './helpers';

const { server, client } = testResources();

describe('who may open a document', () => {
	it('closes an unauthenticated connection with 4401 before sending any document content', async () => {
		const s = await server();
		await s.sync.withDoc('doc-a', (doc) => doc.getText('text').insert(0, 'secret'));
		const raw = rawClient(s.url, 'doc-a', null);
		expect((await raw.closed).code).toBe(CloseCode.Unauthenticated);
		expect(raw.messages).toHaveLength(0);
		const stock = client(s.url, 'doc-a', null);
		expect((await stock.closed).code).toBe(CloseCode.Unauthenticated);
		expect(text(stock.doc)).toBe('');
	});

	it('closes a signed-in stranger with 4403 without loading the document', async () => {
		const s = await server();
		const raw = rawClient(s.url, 'doc-secret', 'alice');
		expect((await raw.closed).code).toBe(CloseCode.Forbidden);
		expect(raw.messages).toHaveLength(0);
		expect(s.sync.stats().rooms).toBe(0);
		const undecodable = rawClient(s.url, '%E0%A4%A', 'alice');
		expect((await undecodable.closed).code).toBe(CloseCode.Forbidden);
	});

	it('refuses a foreign Origin at the HTTP upgrade and accepts its own', async () => {
		const s = await server();
		const foreign = rawClient(s.url, 'doc-a', 'alice', { origin: 'http://evil.example' });
		expect(await foreign.refused).toBe(403);
		const own = rawClient(s.url, 'doc-a', 'alice', { origin: s.origin });
		await own.opened;
		own.ws.close();
	});

	it('never applies, stores or relays changes from a read-only connection', async () => {
		const s = await server();
		const writer = client(s.url, 'doc-ro', 'alice');
		const reader = client(s.url, 'doc-ro', 'bob');
		await Promise.all([writer.synced(), reader.synced()]);
		reader.doc.getText('text').insert(0, 'vandalism');
		// Awareness travels after the update on the same socket, so once the writer sees it the
		// server has handled the update; withDoc then waits for any commit to finish.
		reader.provider.awareness.setLocalStateField('name', 'bob');
		await waitFor(() => writer.provider.awareness.getStates().size === 2);
		expect(await s.sync.withDoc('doc-ro', (doc) => text(doc))).toBe('');
		expect(text(writer.doc)).toBe('');
		const stored = new Y.Doc();
		(await s.persistence.load('doc-ro')).updates.forEach((u) => Y.applyUpdate(stored, u));
		expect(text(stored)).toBe('');
		// Read-only still receives everyone else's changes.
		writer.doc.getText('other').insert(0, 'from alice');
		await waitFor(() => text(reader.doc, 'other') === 'from alice');
	});

	it('closeConnections closes exactly the matching sockets', async () => {
		const s = await server();
		const alice = client(s.url, 'doc-a', 'alice');
		const bob = client(s.url, 'doc-a', 'bob');
		const bobElsewhere = client(s.url, 'doc-b', 'bob');
		await Promise.all([alice.synced(), bob.synced(), bobElsewhere.synced()]);
		const closed = s.sync.closeConnections(
			(info) => info.principal.userId === 'bob' && info.docName === 'doc-a',
			CloseCode.AccessRevoked,
			'membership removed'
		);
		expect(closed).toBe(1);
		expect(await bob.closed).toEqual({
			code: CloseCode.AccessRevoked,
			reason: 'membership removed'
		});
		alice.doc.getText('text').insert(0, 'still here');
		const observer = client(s.url, 'doc-a', 'alice');
		await waitFor(() => text(observer.doc) === 'still here');
		expect(bobElsewhere.provider.wsconnected).toBe(true);
		expect(s.sync.stats().connections).toBe(3);
	});
});
