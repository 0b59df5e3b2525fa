import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommitQueue } from './commit-queue';
import type { AppendEntry, DocPersistence } from './persistence';
import { localFanOut } from './persistence';
import { decodeClientMessage } from './protocol-messages';
import { Room, type Peer } from './room';

/** A store whose appends complete only when the test says so. */
function gatedStore() {
	const appended: AppendEntry[][] = [];
	let open: () => void = () => {};
	const store: DocPersistence = {
		load: async () => ({ updates: [], logRows: 0, logBytes: 0 }),
		append: (entries) => {
			appended.push([...entries]);
			return new Promise<void>((resolve) => (open = resolve));
		},
		compact: async () => {},
		deleteDoc: async () => {},
		close: async () => {}
	};
	return { store, appended, release: () => open() };
}

function peer(): Peer & { received: Uint8Array[] } {
	const received: Uint8Array[] = [];
	return { awarenessIds: new Set(), received, send: (m) => received.push(m), close: () => {} };
}

function updateFrom(edit: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	edit(doc);
	return Y.encodeStateAsUpdate(doc);
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const silent = { warn: () => {}, error: () => {} };

async function setup() {
	const gate = gatedStore();
	const commits = new CommitQueue(gate.store, silent);
	const deps = {
		commits,
		fanOut: localFanOut,
		onIdle: () => {},
		onBroken: () => {},
		onCommitted: () => {}
	};
	const room = new Room('d', await gate.store.load('d'), deps);
	return { ...gate, room, commits };
}

describe('Room', () => {
	it('sends nothing derived from an update before the store confirms it', async () => {
		const { room, appended, release } = await setup();
		const author = peer();
		const fresh = peer();
		room.join(author);
		room.join(fresh);
		const greetings = fresh.received.length;
		room.applyClientUpdate(updateFrom((d) => d.getText('t').insert(0, 'x')));
		// A client asking for the full state now must wait too: the state includes the update.
		room.replyToSyncStep1(fresh, Y.encodeStateVector(new Y.Doc()), true);
		await turn();
		expect(appended).toHaveLength(1);
		expect(fresh.received).toHaveLength(greetings);
		release();
		await turn();
		const kinds = fresh.received.slice(greetings).map((m) => decodeClientMessage(m).kind);
		expect(kinds.sort()).toEqual(['sync-step2', 'update']);
	});

	it('writes updates from one event-loop turn in one append and encodes the broadcast once', async () => {
		const { room, appended, release } = await setup();
		const [a, b] = [peer(), peer()];
		room.join(a);
		room.join(b);
		const before = a.received.length;
		for (const text of ['one', 'two', 'three']) {
			room.applyClientUpdate(updateFrom((d) => d.getText(text).insert(0, text)));
		}
		await turn();
		expect(appended).toHaveLength(1);
		expect(appended[0]).toHaveLength(1);
		release();
		await turn();
		const [toA] = a.received.slice(before);
		const [toB] = b.received.slice(before);
		expect(a.received.length - before).toBe(1);
		expect(toA).toBe(toB);
		const check = new Y.Doc();
		const message = decodeClientMessage(toA!);
		Y.applyUpdate(check, message.kind === 'update' ? message.update : new Uint8Array());
		expect(check.getText('three').toString()).toBe('three');
	});

	it('encodes the full state once for fresh clients until the document changes', async () => {
		const { room, release } = await setup();
		const [x, y, z] = [peer(), peer(), peer()];
		const empty = Y.encodeStateVector(new Y.Doc());
		room.replyToSyncStep1(x, empty, true);
		room.replyToSyncStep1(y, empty, true);
		expect(x.received.at(-1)).toBe(y.received.at(-1));
		room.applyClientUpdate(updateFrom((d) => d.getText('t').insert(0, 'new')));
		room.replyToSyncStep1(z, empty, true);
		await turn();
		release();
		await turn();
		const answer = decodeClientMessage(z.received.at(-1)!);
		const check = new Y.Doc();
		Y.applyUpdate(check, answer.kind === 'sync-step2' ? answer.update : new Uint8Array());
		expect(check.getText('t').toString()).toBe('new');
	});

	it('drops pending changes and fails waiters when the store fails', async () => {
		const broken: Room[] = [];
		const store: DocPersistence = {
			load: async () => ({ updates: [], logRows: 0, logBytes: 0 }),
			append: async () => {
				throw new Error('disk full');
			},
			compact: async () => {},
			deleteDoc: async () => {},
			close: async () => {}
		};
		const commits = new CommitQueue(store, silent);
		const room = new Room('d', await store.load('d'), {
			commits,
			fanOut: localFanOut,
			onIdle: () => {},
			onBroken: (r) => broken.push(r),
			onCommitted: () => {}
		});
		const author = peer();
		room.join(author);
		const sent = author.received.length;
		await expect(room.write((doc) => doc.getText('t').insert(0, 'lost'))).rejects.toThrow(
			'disk full'
		);
		expect(broken).toEqual([room]);
		expect(author.received).toHaveLength(sent);
	});
});
