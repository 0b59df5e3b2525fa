import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from './actor';
import * as eng from './engagement-doc';
import { recentMessageStructIds } from './message-origins';

describe('recentMessageStructIds', () => {
	it("gives the clientID and clock each of the author's recent messages was written at", () => {
		const doc = new Y.Doc();
		eng.migrate(doc);
		const me = createActor({ userId: 'me' });
		const other = new Y.Doc();
		const them = createActor({ userId: 'them' });
		const before = Y.getState(doc.store, doc.clientID);
		const first = eng.sendMessage(doc, me, { text: 'one' });
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const theirs = eng.sendMessage(other, them, { text: 'two' });
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		const middle = Y.getState(doc.store, doc.clientID);
		const second = eng.sendMessage(doc, me, { text: 'three' });
		if (!first.ok || !second.ok || !theirs.ok) {
			throw new Error('send failed');
		}
		const ids = recentMessageStructIds(doc, { authorId: 'me', count: 10 });
		expect([...ids.keys()]).toEqual([second.value, first.value]);
		expect(ids.get(first.value)).toEqual({ client: doc.clientID, clock: before });
		expect(ids.get(second.value)).toEqual({ client: doc.clientID, clock: middle });
		expect(recentMessageStructIds(doc, { authorId: 'me', count: 1 }).size).toBe(1);
		expect(recentMessageStructIds(doc, { authorId: 'me', count: 5, within: 1 }).size).toBe(1);
	});
});
