import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PendingChanges } from './pending-changes';

const LOCAL = { kind: 'local', userId: 'u' };

/** A doc whose local updates feed a tracker, as DocEntry wires it. */
function tracked() {
	const doc = new Y.Doc();
	const pending = new PendingChanges(doc);
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === LOCAL) {
			pending.noteLocalUpdate(update);
		}
	});
	const push = (value: string) => {
		const clock = Y.getState(doc.store, doc.clientID);
		doc.transact(() => doc.getArray('messages').push([value]), LOCAL);
		return { client: doc.clientID, clock };
	};
	return { doc, pending, push };
}

describe('PendingChanges.isConfirmed', () => {
	it('a local struct is unconfirmed until the server state vector covers its clock', () => {
		const { doc, pending, push } = tracked();
		const first = push('one');
		const second = push('two');
		expect(pending.isConfirmed(first.client, first.clock)).toBe(false);
		pending.noteServerStateVector(new Map([[doc.clientID, first.clock + 1]]));
		expect(pending.isConfirmed(first.client, first.clock)).toBe(true);
		expect(pending.isConfirmed(second.client, second.clock)).toBe(false);
		pending.noteServerUpdate(Y.encodeStateAsUpdate(doc));
		expect(pending.isConfirmed(second.client, second.clock)).toBe(true);
	});

	it("other replicas' structs count as confirmed: they reached us through the server", () => {
		const { pending } = tracked();
		expect(pending.isConfirmed(12345, 0)).toBe(true);
	});

	it('after a reload, an earlier session still unconfirmed stays pending', () => {
		const { doc, pending, push } = tracked();
		const sent = push('offline');
		const meta = pending.toMeta();
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
		const after = new PendingChanges(reloaded);
		after.restore(meta);
		expect(after.isConfirmed(sent.client, sent.clock)).toBe(false);
		after.noteServerStateVector(Y.decodeStateVector(Y.encodeStateVector(doc)));
		expect(after.isConfirmed(sent.client, sent.clock)).toBe(true);
	});
});
