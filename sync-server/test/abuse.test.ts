import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/sync/protocol';
import { testResources, rawClient, text, waitFor, type RawClient } from './helpers';

/** Issue 15's attacks on presence, message rate, sockets and document size, each reproduced. */
const { server, client, onCleanup } = testResources();

/** A y-websocket awareness message setting (or, with null, removing) these client ids' states. */
function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Buffer {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(update, entry.clientId);
		encoding.writeVarUint(update, entry.clock);
		encoding.writeVarString(update, JSON.stringify(entry.state));
	}
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, 1);
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
	return Buffer.from(encoding.toUint8Array(message));
}

async function openRaw(url: string, doc: string, token: string): Promise<RawClient> {
	const raw = rawClient(url, doc, token);
	onCleanup(() => raw.ws.terminate());
	await raw.opened;
	return raw;
}

describe('presence', () => {
	it("ignores another connection's state for a client id it did not announce", async () => {
		const s = await server();
		const coach = client(s.url, 'doc-a', 'alice');
		const observer = client(s.url, 'doc-a', 'alice');
		await Promise.all([coach.synced(), observer.synced()]);
		coach.provider.awareness.setLocalState({ call: { role: 'coach', state: 'idle' } });
		const coachId = coach.doc.clientID;
		await waitFor(() => observer.provider.awareness.getStates().has(coachId));

		const attacker = await openRaw(s.url, 'doc-a', 'bob');
		const forged = { call: { role: 'coach', state: 'in-call', peerId: 'attacker' } };
		attacker.ws.send(awarenessMessage([{ clientId: coachId, clock: 999, state: forged }]));
		attacker.ws.send(awarenessMessage([{ clientId: coachId, clock: 1000, state: null }]));
		// The server handles one socket's messages in order: once this arrives, the above did.
		attacker.ws.send(awarenessMessage([{ clientId: 4242, clock: 1, state: { user: 'bob' } }]));
		await waitFor(() => observer.provider.awareness.getStates().has(4242));

		expect(observer.provider.awareness.getStates().get(coachId)).toEqual({
			call: { role: 'coach', state: 'idle' }
		});
		expect(coach.provider.awareness.getLocalState()).toEqual({
			call: { role: 'coach', state: 'idle' }
		});
	});

	it('closes a connection sending a presence state over the limit and relays none of it', async () => {
		const s = await server({ maxPresenceBytes: 16 * 1024 });
		const observer = client(s.url, 'doc-a', 'alice');
		await observer.synced();
		const attacker = await openRaw(s.url, 'doc-a', 'bob');
		const big = { blob: 'x'.repeat(17 * 1024) };
		attacker.ws.send(awarenessMessage([{ clientId: 777, clock: 1, state: big }]));
		const closed = await attacker.closed;
		expect(closed.code).toBe(CloseCode.PresenceTooLarge);
		expect(closed.reason).toContain('16384');
		// A later newcomer gets every stored state: the oversized one is not among them.
		const late = client(s.url, 'doc-a', 'alice');
		await late.synced();
		expect(late.provider.awareness.getStates().has(777)).toBe(false);
		expect(observer.provider.awareness.getStates().has(777)).toBe(false);
	});

	it('keeps only the first ids a connection announces', async () => {
		const s = await server({ maxPresenceIdsPerConnection: 2 });
		const attacker = await openRaw(s.url, 'doc-a', 'bob');
		const made = [1, 2, 3, 4, 5].map((id) => ({ clientId: id, clock: 1, state: { n: id } }));
		attacker.ws.send(awarenessMessage(made));
		const observer = client(s.url, 'doc-a', 'alice');
		await observer.synced();
		await waitFor(() => observer.provider.awareness.getStates().has(2));
		const foreign = [...observer.provider.awareness.getStates().keys()].filter(
			(id) => id !== observer.doc.clientID
		);
		expect(foreign.sort()).toEqual([1, 2]);
	});
});

describe('message rate', () => {
	it('closes a flooding connection while a bystander pair keeps its latency', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-a', 'alice');
		await Promise.all([a.synced(), b.synced()]);
		// Presence worth sending back: each query used to return all of it.
		a.provider.awareness.setLocalState({ blob: 'p'.repeat(8 * 1024) });
		const flooder = await openRaw(s.url, 'doc-a', 'bob');
		const queryAwareness = Buffer.from([3]);
		let sent = 0;
		let flooding = true;
		void flooder.closed.then(() => (flooding = false));
		const flood = () => {
			for (let i = 0; i < 200 && flooding && flooder.ws.readyState === flooder.ws.OPEN; i++) {
				flooder.ws.send(queryAwareness);
				sent += 1;
			}
			if (flooding) {
				setImmediate(flood);
			}
		};
		flood();

		const latencies: number[] = [];
		for (let i = 0; i < 10; i++) {
			const started = performance.now();
			a.doc.getText('text').insert(0, 'x');
			await waitFor(() => text(b.doc).length === i + 1, 5000);
			latencies.push(performance.now() - started);
		}
		const closed = await flooder.closed;
		expect(closed.code).toBe(CloseCode.RateLimited);
		latencies.sort((x, y) => x - y);
		expect(latencies[5]).toBeLessThan(250);
		// Queries are coalesced: a handful of full answers, not one per query.
		const answers = flooder.messages.filter((m) => m[0] === 1).length;
		expect(sent).toBeGreaterThan(2000);
		expect(answers).toBeLessThan(10);
		expect(s.logs.join('\n')).toContain('rate limit');
	});
});

describe('sockets per user', () => {
	it('refuses the 21st socket of one user on one document, not other users', async () => {
		const s = await server();
		const sockets: RawClient[] = [];
		for (let i = 0; i < 20; i++) {
			sockets.push(await openRaw(s.url, 'doc-a', 'alice'));
		}
		// Opened sockets are counted once the server has them: wait for all 20 to be registered.
		await waitFor(() => s.sync.stats().connections === 20);
		const extra = rawClient(s.url, 'doc-a', 'alice');
		onCleanup(() => extra.ws.terminate());
		const closed = await extra.closed;
		expect(closed.code).toBe(CloseCode.TooManyConnections);
		expect(closed.reason).toContain('20');
		const other = client(s.url, 'doc-a', 'bob');
		const otherDoc = client(s.url, 'doc-b', 'alice');
		await Promise.all([other.synced(), otherDoc.synced()]);
		sockets[0]!.ws.close();
		await waitFor(() => s.sync.stats().connections === 21);
		const again = client(s.url, 'doc-a', 'alice');
		await again.synced();
	});
});

describe('document size', () => {
	it('refuses growth past maxDocBytes: nothing stored or relayed, smaller edits before pass', async () => {
		const s = await server({ maxDocBytes: 4096 });
		const writer = client(s.url, 'doc-a', 'alice');
		const reader = client(s.url, 'doc-a', 'bob');
		await Promise.all([writer.synced(), reader.synced()]);
		writer.doc.getText('text').insert(0, 'small');
		await waitFor(() => text(reader.doc) === 'small');
		writer.doc.getText('text').insert(5, 'y'.repeat(8 * 1024));
		const closed = await writer.closed;
		expect(closed.code).toBe(CloseCode.DocumentTooLarge);
		expect(closed.reason).toContain('4096');
		const stored = await s.persistence.load('doc-a');
		const reloaded = new Y.Doc();
		stored.updates.forEach((update) => Y.applyUpdate(reloaded, update));
		expect(text(reloaded)).toBe('small');
		const fresh = client(s.url, 'doc-a', 'bob');
		await fresh.synced();
		expect(text(fresh.doc)).toBe('small');
		expect(text(reader.doc)).toBe('small');
	});
});

describe('update policy', () => {
	it('closes with 4433 on a refusal; nothing of that update is stored or relayed', async () => {
		const s = await server({
			updatePolicy: (docName) =>
				docName === 'doc-a'
					? {
							check: (update, principal) =>
								update.inserted.some((item) => item.path?.[0] === 'locked') ||
								update.deleted.some((item) => item.path?.[0] === 'locked')
									? `${principal.userId} may not touch locked`
									: null
						}
					: null
		});
		const writer = client(s.url, 'doc-a', 'alice');
		const reader = client(s.url, 'doc-a', 'bob');
		await Promise.all([writer.synced(), reader.synced()]);
		writer.doc.getText('text').insert(0, 'free');
		await waitFor(() => text(reader.doc) === 'free');
		writer.doc.transact(() => {
			writer.doc.getMap('locked').set('k', 'v');
			writer.doc.getText('text').insert(4, ' and more');
		});
		const closed = await writer.closed;
		expect(closed.code).toBe(CloseCode.UpdateRefused);
		expect(closed.reason).toBe('alice may not touch locked');
		const fresh = client(s.url, 'doc-a', 'bob');
		await fresh.synced();
		expect(text(fresh.doc)).toBe('free');
		expect(fresh.doc.getMap('locked').size).toBe(0);
		expect(text(reader.doc)).toBe('free');
		// Documents without a policy take anything their access allows.
		const other = client(s.url, 'doc-b', 'alice');
		await other.synced();
		other.doc.getMap('locked').set('k', 'v');
		const otherReader = client(s.url, 'doc-b', 'bob');
		await waitFor(() => otherReader.doc.getMap('locked').get('k') === 'v');
	});
});
