/**
 * Gives every replica of a YjsHarness its own Dexie index, maintained incrementally by the real
 * indexers from the moment the doc is loaded, and checks after convergence that each equals a
 * rebuild from that replica's document.
 *
 * A restarted or compacted replica gets a new Y.Doc; it inherits the Dexie database of the doc it
 * replaces (the harness destroys the old doc right before loading the new one), as the app
 * keeps its index across restarts, so the indexer's reconcile-on-attach is exercised too.
 */
import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { openIndexDb, type TandemIndexDb } from '../../src/lib/local/db';
import {
	attachCoachIndexer,
	attachEngagementIndexer,
	rebuildIndex
} from '../../src/lib/local/indexers';
import { snapshotIndex } from '../../src/lib/local/indexers/snapshot';
import type { ConvergenceCheck, HarnessPeer } from './yjs-harness';

export type IndexedDocKind = { kind: 'engagement'; engagementId: string } | { kind: 'coach' };

export class ReplicaIndexes {
	readonly #name: string;
	readonly #doc: IndexedDocKind;
	readonly #userId: string;
	readonly #attached = new Map<Y.Doc, { db: TandemIndexDb; flush: () => Promise<void> }>();
	readonly #free: TandemIndexDb[] = [];
	readonly #all: TandemIndexDb[] = [];

	constructor(options: { name: string; doc: IndexedDocKind; userId: string }) {
		this.#name = options.name;
		this.#doc = options.doc;
		this.#userId = options.userId;
	}

	/** Call from the harness's `prepare`, after migrating. */
	attach(doc: Y.Doc): void {
		const db = this.#free.pop() ?? this.#newDb();
		const options = { db, doc, userId: this.#userId, debounceMs: 0 };
		const detach =
			this.#doc.kind === 'engagement'
				? attachEngagementIndexer({ ...options, engagementId: this.#doc.engagementId })
				: attachCoachIndexer(options);
		this.#attached.set(doc, { db, flush: detach.flush });
		doc.on('destroy', () => {
			this.#attached.delete(doc);
			this.#free.push(db);
		});
	}

	/** The convergence check: every replica's incremental index equals a rebuild. */
	readonly check: ConvergenceCheck = async (peers) => {
		for (const peer of peers) {
			await this.#checkPeer(peer);
		}
	};

	async #checkPeer(peer: HarnessPeer): Promise<void> {
		const entry = this.#attached.get(peer.doc);
		if (!entry) {
			throw new Error(`peer ${peer.index} has no index attached`);
		}
		await entry.flush();
		const rebuilt = openIndexDb(`${this.#name}-rebuilt`);
		try {
			const docs =
				this.#doc.kind === 'engagement'
					? { engagements: [{ engagementId: this.#doc.engagementId, doc: peer.doc }] }
					: { engagements: [], coach: peer.doc };
			await rebuildIndex({ db: rebuilt, userId: this.#userId, docs });
			expect(await snapshotIndex(entry.db), `index of peer ${peer.index}`).toEqual(
				await snapshotIndex(rebuilt)
			);
		} finally {
			await rebuilt.delete();
		}
	}

	#newDb(): TandemIndexDb {
		const db = openIndexDb(`${this.#name}-${this.#all.length}`);
		this.#all.push(db);
		return db;
	}

	async destroy(): Promise<void> {
		await Promise.all([...this.#attached.values()].map((entry) => entry.flush()));
		for (const db of this.#all) {
			await db.delete();
		}
	}
}
