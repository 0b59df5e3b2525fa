import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/sync/protocol';
import { testResources, connectClient, rawClient, text, waitFor } from './helpers';

const { server, onCleanup } = testResources();

/** A sync "update" message whose payload is not a Yjs update. */
const garbageUpdate = Buffer.from([0, 2, 6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

describe('bounds', () => {
	it.each([
		['unknown message type', Buffer.from([7, 1, 2])],
		['unknown sync type', Buffer.from([0, 9, 0])],
		['truncated payload', Buffer.from([0, 0, 40, 1])],
		['garbage update', garbageUpdate],
		['text frame', 'hello']
	])('closes only the sender of a malformed message (%s)', async (_name, payload) => {
		const s = await server();
		const a = connectClient(s.url, 'doc-a', 'alice');
		const b = connectClient(s.url, 'doc-a', 'bob');
		onCleanup(
			() => a.destroy(),
			() => b.destroy()
		);
		await Promise.all([a.synced(), b.synced()]);
		const raw = rawClient(s.url, 'doc-a', 'alice');
		await raw.opened;
		raw.ws.send(payload);
		expect((await raw.closed).code).toBe(CloseCode.MalformedMessage);
		a.doc.getText('text').insert(0, 'unaffected');
		await waitFor(() => text(b.doc) === 'unaffected');
		expect(s.sync.stats().connections).toBe(2);
		expect(s.logs.join('\n')).toContain('malformed message on doc-a');
	});

	it('closes an oversized message with MessageTooLarge', async () => {
		const s = await server({ maxMessageBytes: 1024 });
		const raw = rawClient(s.url, 'doc-a', 'alice');
		await raw.opened;
		raw.ws.send(Buffer.alloc(4096, 1));
		const closed = await raw.closed;
		expect(closed.code).toBe(CloseCode.MessageTooLarge);
		expect(closed.reason).toContain('1024');
		const fine = connectClient(s.url, 'doc-a', 'bob');
		onCleanup(() => fine.destroy());
		await fine.synced();
	});

	it('refuses upgrades while authentication hangs, within the timeout', async () => {
		const s = await server({ authTimeoutMs: 50, authenticate: () => new Promise(() => {}) });
		const raw = rawClient(s.url, 'doc-a', 'alice');
		expect(await raw.refused).toBe(503);
		expect(s.sync.stats().pendingUpgrades).toBe(0);
	});
});
