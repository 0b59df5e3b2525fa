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

describe('PendingChanges.count: what a person did, not Yjs updates', () => {
	/** A doc shaped like eng: (messages array, notes map of Y.Maps with a text body). */
	function workspace() {
		const { doc, pending } = tracked();
		const notes = doc.getMap<Y.Map<unknown>>('notes');
		const addNote = (id: string) => {
			doc.transact(() => {
				const note = new Y.Map<unknown>();
				notes.set(id, note);
				note.set('body', new Y.Text());
			}, LOCAL);
			return note(id);
		};
		const note = (id: string) => notes.get(id)!.get('body') as Y.Text;
		const type = (id: string, text: string) => {
			for (const char of text) {
				const body = note(id);
				doc.transact(() => body.insert(body.length, char), LOCAL);
			}
		};
		const send = (text: string) => doc.transact(() => doc.getArray('messages').push([text]), LOCAL);
		const serverHoldsAll = () =>
			pending.noteServerStateVector(Y.decodeStateVector(Y.encodeStateVector(doc)));
		return { doc, pending, addNote, note, type, send, serverHoldsAll };
	}

	it('typing 19 characters into one note is one change', () => {
		const { pending, addNote, type } = workspace();
		addNote('n1');
		type('n1', 'Nineteen characters');
		expect('Nineteen characters').toHaveLength(19);
		expect(pending.count).toBe(1);
	});

	it('each message sent is its own change, even when Yjs merges them into one struct', () => {
		const { pending, send } = workspace();
		send('one');
		send('two');
		send('three');
		expect(pending.count).toBe(3);
	});

	it('two notes and two messages are four; all confirmed is zero', () => {
		const { pending, addNote, type, send, serverHoldsAll } = workspace();
		addNote('a');
		addNote('b');
		type('a', 'hello');
		type('b', 'world');
		send('hi');
		send('there');
		expect(pending.count).toBe(4);
		serverHoldsAll();
		expect(pending.count).toBe(0);
	});

	it('a note stays pending while any of its edits is unconfirmed', () => {
		const { doc, pending, addNote, type, serverHoldsAll } = workspace();
		addNote('a');
		type('a', 'first');
		serverHoldsAll();
		expect(pending.count).toBe(0);
		type('a', ' more');
		const confirmedUpTo = Y.getState(doc.store, doc.clientID) - 1;
		pending.noteServerStateVector(new Map([[doc.clientID, confirmedUpTo]]));
		expect(pending.count).toBe(1);
		serverHoldsAll();
		expect(pending.count).toBe(0);
	});

	it('deleting text (a change without a clock) counts the note it was deleted from', () => {
		const { doc, pending, addNote, type, note, serverHoldsAll } = workspace();
		addNote('a');
		type('a', 'typo');
		serverHoldsAll();
		doc.transact(() => note('a').delete(2, 2), LOCAL);
		expect(pending.count).toBe(1);
	});

	it('after a reload, offline work is counted the same way', () => {
		const { doc, pending, addNote, type, send } = workspace();
		addNote('a');
		type('a', 'Nineteen characters');
		send('one');
		send('two');
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
		const after = new PendingChanges(reloaded);
		after.restore(pending.toMeta());
		expect(after.count).toBe(3);
		after.noteServerStateVector(Y.decodeStateVector(Y.encodeStateVector(doc)));
		expect(after.count).toBe(0);
	});
});
