import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { Emitter } from '../sync/emitter';
import { browserNetwork, type NetworkStatus } from '../sync/network';
import {
	summarize,
	type DocProblem,
	type DocSyncStatus,
	type SyncSummary
} from '../sync/sync-state';
import type { ConnectDocTransport } from '../sync/transport';
import { sameOriginSyncUrl, websocketTransport } from '../sync/websocket-transport';
import type { OpenDocPersistence } from './doc-persistence';
import { storageName } from './doc-persistence';
import { DocEntry } from './doc-registry-entry';
import { DocView, type DocViewOptions, type OpenedDoc } from './doc-view.svelte';
import { migrateByName } from './doc-registry-migrate';
import { openIndexeddbPersistence } from './indexeddb-persistence';

export interface DocRegistryOptions {
	/** The signed-in user: local databases are named `tandem:<userId>:<docName>`. */
	userId: string;
	/** `ws(s)://<host>/sync`; defaults to this page's origin. Ignored when `transport` is given. */
	serverUrl?: string;
	/** Local storage seam; defaults to IndexedDB (y-indexeddb). */
	persistence?: OpenDocPersistence;
	/** Server connection seam; defaults to the stock y-websocket provider. */
	transport?: ConnectDocTransport;
	/** Defaults to navigator.onLine and window online/offline events. */
	network?: NetworkStatus;
	/** Defaults to the schema module picked by the name's prefix (eng:, sub:, coach:). */
	migrate?: (docName: string, doc: Y.Doc) => void;
	/** Runs once a document is loaded and migrated; the returned function runs at teardown. */
	attach?: (docName: string, doc: Y.Doc) => (() => void) | void;
	/** How long a document with no handles stays open (default 30 s: quick back-and-forth is free). */
	idleGraceMs?: number;
	/** While connected with unconfirmed changes, teardown waits up to this long (default 60 s). */
	maxHoldMs?: number;
	/**
	 * Documents to open from this device only, never connecting (a closed engagement's: the
	 * server refuses them, and asking again on every open would only repeat the refusal).
	 */
	localOnly?: (docName: string) => boolean;
}

/** One user of one document; `release()` when the view goes away. */
export interface DocHandle {
	readonly name: string;
	readonly doc: Y.Doc;
	/**
	 * Presence on this document, shared by every handle in this tab and relayed by the server to
	 * the other people connected to it (y-protocols awareness). Set `user: { name, color }`.
	 */
	readonly awareness: Awareness;
	/** Resolves once the local copy is applied and migrated: show content, do not wait for the network. */
	readonly whenLoaded: Promise<void>;
	release(): void;
}

export type DocRegistryEvents = {
	/** Any status changed (connection, sync, pending count, network, problems). */
	change: () => void;
	/** The server said 4401: every connection stopped; ask the user to sign in, keep local data. */
	'session-expired': () => void;
	/** 4403/4410 for one document: it stays readable locally, but no longer syncs. */
	'access-lost': (docName: string, code: number) => void;
};

/**
 * Opens each Yjs document once per tab, loads it from IndexedDB, migrates it, syncs it with the
 * server, and reports sync status. Construct one per signed-in user in the browser only.
 *
 * Screens open documents through `view` (a rune-backed DocView); `open` is for code that
 * reads a document once and lets go (export, the background indexer).
 *
 * @example
 * const registry = new DocRegistry({ userId: user.id });
 * const chat = registry.view(`eng:${engagementId}`, (doc) => new EngagementView(doc, user.id));
 * chat.current?.messages; // null until the local copy is loaded
 * chat.close();
 */
export class DocRegistry {
	#options: DocRegistryOptions;
	#openPersistence: OpenDocPersistence;
	#connectTransport: ConnectDocTransport;
	#network: NetworkStatus;
	#entries = new Map<string, DocEntry>();
	#closing = new Set<Promise<void>>();
	#events = new Emitter<DocRegistryEvents>();
	#sessionExpired = false;
	#offNetwork: () => void;

	constructor(options: DocRegistryOptions) {
		this.#options = options;
		this.#openPersistence = options.persistence ?? openIndexeddbPersistence;
		this.#connectTransport =
			options.transport ??
			websocketTransport({ serverUrl: options.serverUrl ?? sameOriginSyncUrl(location) });
		this.#network = options.network ?? browserNetwork();
		this.#offNetwork = this.#network.subscribe(() => this.#onNetwork());
	}

	get userId(): string {
		return this.#options.userId;
	}

	get sessionExpired(): boolean {
		return this.#sessionExpired;
	}

	/** Aggregated status of every open document; recomputed on each read (cheap). */
	get summary(): SyncSummary {
		const browserOnline = this.#network.isOnline;
		const docs = [...this.#entries.values()].map((entry) => entry.status(browserOnline));
		return summarize(docs, { browserOnline, sessionExpired: this.#sessionExpired });
	}

	docStatus(docName: string): DocSyncStatus | null {
		return this.#entries.get(docName)?.status(this.#network.isOnline) ?? null;
	}

	/**
	 * Whether the server holds the change this device made at (`client`, `clock`) in an open
	 * document (e.g. a chat message sent offline); null when the document is not open. The
	 * 'change' event fires when the answer may have changed.
	 */
	isConfirmed(docName: string, client: number, clock: number): boolean | null {
		return this.#entries.get(docName)?.isConfirmed(client, clock) ?? null;
	}

	/** Names of the documents currently open (handles held or within the idle grace period). */
	get openNames(): string[] {
		return [...this.#entries.keys()];
	}

	on<K extends keyof DocRegistryEvents>(event: K, fn: DocRegistryEvents[K]): () => void {
		return this.#events.on(event, fn);
	}

	open(docName: string): DocHandle {
		const entry = this.#entries.get(docName) ?? this.#create(docName);
		entry.refs += 1;
		if (entry.idleTimer !== null) {
			clearTimeout(entry.idleTimer);
			entry.idleTimer = null;
		}
		let released = false;
		return {
			name: docName,
			doc: entry.doc,
			awareness: entry.awareness,
			whenLoaded: entry.whenLoaded,
			release: () => {
				if (!released) {
					released = true;
					this.#release(entry);
				}
			}
		};
	}

	/**
	 * The one way a screen opens a document: `build` makes its view once the local copy is
	 * loaded; the DocView holds the document until `close()` (or the `$derived`/`$effect` it was
	 * created in ends). Views of the same name share one Y.Doc.
	 */
	view<T>(
		docName: string,
		build: (doc: Y.Doc, opened: OpenedDoc) => T,
		options?: DocViewOptions<T>
	): DocView<T> {
		return new DocView(() => this.open(docName), build, options);
	}

	/** Waits until every document's local writes are committed (call before reloading the page). */
	async flush(): Promise<void> {
		await Promise.all([
			...[...this.#entries.values()].map((entry) => entry.flush()),
			...this.#closing
		]);
	}

	/** After signing in again: clears the expired session and reconnects every document. */
	reconnect(): void {
		this.#sessionExpired = false;
		this.#entries.forEach((entry) => entry.connect());
		this.#events.emit('change');
	}

	/**
	 * Closes these documents now when no view holds them (e.g. before deleting their local
	 * copies); ones still held stay open.
	 */
	async close(docNames: readonly string[]): Promise<void> {
		for (const name of docNames) {
			const entry = this.#entries.get(name);
			if (entry && entry.refs === 0) {
				if (entry.idleTimer !== null) {
					clearTimeout(entry.idleTimer);
					entry.idleTimer = null;
				}
				this.#teardown(entry);
			}
		}
		await Promise.all(this.#closing);
	}

	/** Closes every document (after flushing). The registry is unusable afterwards. */
	async destroy(): Promise<void> {
		this.#offNetwork();
		const entries = [...this.#entries.values()];
		this.#entries.clear();
		entries.forEach((entry) => entry.idleTimer !== null && clearTimeout(entry.idleTimer));
		await Promise.all([...entries.map((entry) => entry.destroy()), ...this.#closing]);
		this.#events.clear();
	}

	#create(docName: string): DocEntry {
		const localOnly = this.#options.localOnly?.(docName) ?? false;
		const entry = new DocEntry({
			localOnly,
			name: docName,
			storageName: storageName(this.#options.userId, docName),
			openPersistence: this.#openPersistence,
			connectTransport: this.#connectTransport,
			migrate: this.#options.migrate ?? migrateByName,
			attach: this.#options.attach,
			mayConnect: () => !this.#sessionExpired && !localOnly,
			onStatus: () => this.#events.emit('change'),
			onProblem: (e, problem, code) => this.#onProblem(e, problem, code)
		});
		this.#entries.set(docName, entry);
		return entry;
	}

	#release(entry: DocEntry): void {
		entry.refs -= 1;
		if (entry.refs === 0) {
			this.#scheduleTeardown(entry, Date.now());
		}
	}

	#scheduleTeardown(entry: DocEntry, idleSince: number): void {
		entry.idleTimer = setTimeout(() => {
			entry.idleTimer = null;
			if (entry.refs > 0 || this.#entries.get(entry.name) !== entry) {
				return;
			}
			// Give unconfirmed changes a chance to reach the server while we are connected; they are
			// safe in IndexedDB either way and are sent the next time the document opens.
			const status = entry.status(this.#network.isOnline);
			const maxHold = this.#options.maxHoldMs ?? 60_000;
			if (
				status.pending > 0 &&
				status.connection === 'connected' &&
				Date.now() - idleSince < maxHold
			) {
				this.#scheduleTeardown(entry, idleSince);
				return;
			}
			this.#teardown(entry);
		}, this.#options.idleGraceMs ?? 30_000);
	}

	#teardown(entry: DocEntry): void {
		this.#entries.delete(entry.name);
		const closing = entry.destroy().finally(() => this.#closing.delete(closing));
		this.#closing.add(closing);
		this.#events.emit('change');
	}

	#onProblem(entry: DocEntry, problem: DocProblem, code: number): void {
		if (problem === 'session-expired') {
			const first = !this.#sessionExpired;
			this.#sessionExpired = true;
			// One session serves every document: stop all of them, not just the one that heard it.
			this.#entries.forEach((other) => other.disconnect());
			if (first) {
				this.#events.emit('session-expired');
			}
		} else if (problem === 'access-lost') {
			this.#events.emit('access-lost', entry.name, code);
		}
	}

	#onNetwork(): void {
		if (this.#network.isOnline && !this.#sessionExpired) {
			// The socket may be sleeping in a long backoff; the browser just told us to try now.
			this.#entries.forEach((entry) => entry.nudge());
		}
		this.#events.emit('change');
	}
}
