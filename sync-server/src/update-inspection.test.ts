import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StructIndex } from './update-inspection';

/** The server's copy (`server`) and a replica that changes it; `inspect` judges the change. */
function setup(build: (doc: Y.Doc) => void) {
	const server = new Y.Doc();
	build(server);
	const index = new StructIndex(Y.encodeStateAsUpdate(server));
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
	const inspect = () => {
		const { structs, ds } = Y.decodeUpdate(
			Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server))
		);
		return index.inspect('d', structs, ds);
	};
	return { server, replica, index, inspect };
}

describe('StructIndex', () => {
	it('names where new items go, nested maps included, and which containers are new', () => {
		const { replica, inspect } = setup((doc) => {
			const note = new Y.Map();
			doc.getMap('notes').set('n1', note);
			note.set('title', 'old');
		});
		const notes = replica.getMap('notes');
		(notes.get('n1') as Y.Map<unknown>).set('title', 'new');
		const fresh = new Y.Map();
		notes.set('n2', fresh);
		fresh.set('authorId', 'u1');
		replica.getArray('messages').push([{ authorId: 'u1' }]);

		const { inserted, deleted } = inspect();
		const byPath = inserted.map((item) => [item.path, item.values, item.inNewContainer]);
		expect(byPath).toEqual(
			expect.arrayContaining([
				[['notes', 'n1', 'title'], ['new'], false],
				[['notes', 'n2'], null, false],
				[['notes', 'n2', 'authorId'], ['u1'], true],
				[['messages', null], [{ authorId: 'u1' }], false]
			])
		);
		// Overwriting a key deletes its previous value.
		expect(deleted).toEqual([
			expect.objectContaining({ path: ['notes', 'n1', 'title'], values: ['old'] })
		]);
	});

	it('reports a deleted container once and its contents as following from it', () => {
		const { replica, inspect } = setup((doc) => {
			const note = new Y.Map();
			doc.getMap('notes').set('n1', note);
			note.set('authorId', 'u1');
			doc.getArray('messages').push([{ authorId: 'a' }, { authorId: 'b' }]);
		});
		replica.getMap('notes').delete('n1');
		replica.getArray('messages').delete(1, 1);
		const { deleted } = inspect();
		expect(deleted).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ path: ['notes', 'n1'], inDeletedContainer: false }),
				expect.objectContaining({ path: ['notes', 'n1', 'authorId'], inDeletedContainer: true }),
				expect.objectContaining({ path: ['messages', null], values: [{ authorId: 'b' }] })
			])
		);
		expect(deleted).toHaveLength(3);
	});

	it('ignores deletions the document already has', () => {
		const { server, replica, index, inspect } = setup((doc) => {
			doc.getArray('messages').push([{ authorId: 'a' }]);
		});
		replica.getArray('messages').delete(0, 1);
		const deletion = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server));
		const { structs, ds } = Y.decodeUpdate(deletion);
		index.add(structs, ds);
		expect(inspect().deleted).toEqual([]);
	});

	it('cannot place content that hangs off content it does not have', () => {
		const { replica, inspect } = setup(() => {});
		const elsewhere = new Y.Doc();
		elsewhere.getArray('messages').push([{ authorId: 'x' }]);
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(elsewhere));
		replica.getArray('messages').push([{ authorId: 'y' }]);
		// Only the replica's own item is sent, without the one it follows.
		const own = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(elsewhere));
		const { inserted } = (() => {
			const { structs, ds } = Y.decodeUpdate(own);
			return new StructIndex(Y.encodeStateAsUpdate(new Y.Doc())).inspect('d', structs, ds);
		})();
		expect(inserted).toEqual([expect.objectContaining({ path: null })]);
		expect(inspect().inserted).toHaveLength(2);
	});
});
