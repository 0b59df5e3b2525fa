import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommitQueue } from './commit-queue';
import type { AppendEntry, DocPersistence } from './persistence';
import { localFanOut } from './persistence';
import { decodeClientMessage } from './protocol-messages';
import { Room, type Peer } from './room';

/** A store whose appends each settle only when the test says so, in any order. */
function manualStore() {
	const appends: { entries: AppendEntry[]; land: () => void; fail: (e: Error) => void }[] = [];
	const store: DocPersistence = {
		load: async () => ({ updates: [], logRows: 0, logBytes: 0 }),
		append: (entries) =>
			new Promise<void>((land, fail) => appends.push({ entries: [...entries], land, fail })),
		compact: async () => {},
		deleteDoc: async () => {},
		close: async () => {}
	};
	return { store, appends };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const silent = { warn: () => {}, error: () => {} };

/** Each call returns an update appending `value` to array 'n', as one client typing would. */
function editor() {
	const doc = new Y.Doc();
	return (value: number) => {
		let update!: Uint8Array;
		doc.once('update', (u: Uint8Array) => (update = u));
		doc.getArray<number>('n').push([value]);
		return update;
	};
}

/** What a peer saw: per relayed update, the numbers it added (applied in arrival order). */
function receiver(): Peer & { numbers(): number[][] } {
	const received: Uint8Array[] = [];
	return {
		awarenessIds: new Set(),
		send: (m) => received.push(m),
		close: () => {},
		numbers: () => {
			const doc = new Y.Doc();
			const n = doc.getArray<number>('n');
			return received
				.map((m) => decodeClientMessage(m))
				.flatMap((m) => (m.kind === 'update' ? [m.update] : []))
				.map((update) => {
					const before = n.length;
					Y.applyUpdate(doc, update);
					return n.toArray().slice(before);
				});
		}
	};
}

async function setup(maxInFlight?: number) {
	const { store, appends } = manualStore();
	const commits = new CommitQueue(store, silent, maxInFlight);
	const deps = {
		commits,
		fanOut: localFanOut,
		onIdle: () => {},
		onBroken: () => {},
		onCommitted: () => {}
	};
	const room = new Room('d', await store.load('d'), deps);
	const peer = receiver();
	room.join(peer);
	return { room, peer, appends, commits, edit: editor() };
}

describe('CommitQueue pipelining', () => {
	it('hands the next batch to the store while the previous one is still in flight', async () => {
		const { room, appends, commits, edit } = await setup();
		room.applyClientUpdate(edit(1));
		await turn();
		room.applyClientUpdate(edit(2));
		await turn();
		expect(appends).toHaveLength(2);
		appends[0]!.land();
		appends[1]!.land();
		await commits.drain();
		expect(commits.stats.maxInFlight).toBe(2);
	});

	it('relays each batch once it landed, never before an earlier one of the document', async () => {
		const { room, peer, appends, edit } = await setup();
		room.applyClientUpdate(edit(1));
		await turn();
		room.applyClientUpdate(edit(2));
		await turn();
		// The store finishes the second append first: nothing may be relayed yet.
		appends[1]!.land();
		await turn();
		expect(peer.numbers()).toEqual([]);
		appends[0]!.land();
		await turn();
		expect(peer.numbers()).toEqual([[1], [2]]);
	});

	it('relays the first batch without waiting for the second', async () => {
		const { room, peer, appends, edit } = await setup();
		room.applyClientUpdate(edit(1));
		await turn();
		room.applyClientUpdate(edit(2));
		await turn();
		appends[0]!.land();
		await turn();
		expect(peer.numbers()).toEqual([[1]]);
		appends[1]!.land();
		await turn();
		expect(peer.numbers()).toEqual([[1], [2]]);
	});

	it('keeps at most maxInFlight appends in flight; the rest gathers into one batch', async () => {
		const { room, peer, appends, edit } = await setup(2);
		for (let i = 1; i <= 5; i++) {
			room.applyClientUpdate(edit(i));
			await turn();
		}
		expect(appends).toHaveLength(2);
		appends[0]!.land();
		await turn();
		await turn();
		expect(appends).toHaveLength(3);
		appends[1]!.land();
		appends[2]!.land();
		await turn();
		expect(peer.numbers()).toEqual([[1], [2], [3, 4, 5]]);
	});

	it('fails the later batches of a document whose earlier batch failed', async () => {
		const { room, appends, edit } = await setup();
		const first = room.write(() => {}).catch(() => 'none');
		room.applyClientUpdate(edit(1));
		const failed = room.flush().catch((error: Error) => error.message);
		await turn();
		room.applyClientUpdate(edit(2));
		const second = room.flush().catch((error: Error) => error.message);
		await turn();
		appends[0]!.fail(new Error('disk full'));
		appends[1]!.land();
		expect(await failed).toBe('disk full');
		expect(await second).toBe('disk full');
		await first;
	});
});
