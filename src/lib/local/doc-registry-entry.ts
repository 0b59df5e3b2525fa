import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isTxOrigin } from '../docs/origin';
import { isPendingMeta, PendingChanges } from '../sync/pending-changes';
import {
	docSyncState,
	problemForClose,
	type DocProblem,
	type DocSyncStatus
} from '../sync/sync-state';
import type { ConnectDocTransport, DocTransport } from '../sync/transport';
import type { DocPersistence, OpenDocPersistence } from './doc-persistence';

const META_KEY = 'tandem.pending';
const META_DEBOUNCE_MS = 250;
/** A database that keeps closing right after reopening is broken; stop rather than spin. */
const MAX_REOPENS = 5;

export interface DocEntryDeps {
	name: string;
	storageName: string;
	openPersistence: OpenDocPersistence;
	connectTransport: ConnectDocTransport;
	migrate: (docName: string, doc: Y.Doc) => void;
	/** Derived work that follows the document while it is open (the Dexie indexers). */
	attach?: (docName: string, doc: Y.Doc) => (() => void) | void;
	/** Asked after loading: false while the session is expired, so we do not knock in vain. */
	mayConnect: () => boolean;
	/** Never connects: reported like a document the server refused (see DocRegistryOptions). */
	localOnly?: boolean;
	onStatus: () => void;
	onProblem: (entry: DocEntry, problem: DocProblem, code: number) => void;
}

/**
 * One open document: its Y.Doc, local storage, server connection and pending-changes count.
 * Owned by DocRegistry, which decides when it lives and dies.
 */
export class DocEntry {
	readonly doc = new Y.Doc();
	/** Presence on this document (who is here, their cursor); carried by the transport. */
	readonly awareness = new Awareness(this.doc);
	readonly whenLoaded: Promise<void>;
	refs = 0;
	idleTimer: ReturnType<typeof setTimeout> | null = null;
	#deps: DocEntryDeps;
	#persistence: DocPersistence;
	#transport: DocTransport | null = null;
	#pending = new PendingChanges(this.doc);
	#problem: DocProblem | null = null;
	#closeCode: number | null = null;
	#everFailed = false;
	#reopens = 0;
	#metaTimer: ReturnType<typeof setTimeout> | null = null;
	#offs: (() => void)[] = [];
	#destroyed = false;

	constructor(deps: DocEntryDeps) {
		this.#deps = deps;
		if (deps.localOnly) {
			// Like a refused document: readable, not counted as the app being offline or behind.
			this.#problem = 'access-lost';
		}
		this.#persistence = this.#openPersistence();
		this.doc.on('update', this.#onUpdate);
		this.whenLoaded = this.#load();
	}

	get name(): string {
		return this.#deps.name;
	}

	get pending(): number {
		return this.#pending.count;
	}

	/** See PendingChanges.isConfirmed. */
	isConfirmed(client: number, clock: number): boolean {
		return this.#pending.isConfirmed(client, clock);
	}

	get problem(): DocProblem | null {
		return this.#problem;
	}

	/** How many times storage was reopened after the browser closed it. */
	get persistenceReopens(): number {
		return this.#reopens;
	}

	status(browserOnline: boolean): DocSyncStatus {
		// While the local copy loads there is no transport yet: that is the start of the first
		// attempt, not "offline" (which would flash in the UI on every start).
		const connection =
			this.#transport?.state ?? (this.#deps.mayConnect() ? 'connecting' : 'disconnected');
		const synced = this.#transport?.synced ?? false;
		const pending = this.pending;
		const problem = this.#problem;
		const everFailed = this.#everFailed;
		return {
			name: this.name,
			state: docSyncState({ browserOnline, connection, everFailed, synced, pending, problem }),
			connection,
			synced,
			pending,
			problem,
			closeCode: this.#closeCode
		};
	}

	/** (Re)connects unless the server refused this document for good. */
	connect(): void {
		if (this.#transport && this.#problem !== 'access-lost') {
			this.#problem = null;
			this.#transport.connect();
		}
	}

	/** Retries at once if the connection is down for no reason of the server's. */
	nudge(): void {
		if (this.#transport?.state === 'disconnected' && this.#problem === null) {
			this.#transport.connect();
		}
	}

	disconnect(): void {
		this.#transport?.disconnect();
	}

	async flush(): Promise<void> {
		await this.whenLoaded;
		await this.#writeMeta();
		await this.#persistence.flush();
	}

	async destroy(): Promise<void> {
		if (this.#destroyed) {
			return;
		}
		await this.flush().catch((error: unknown) => console.error(`flush of ${this.name}`, error));
		this.#destroyed = true;
		this.#clearMetaTimer();
		this.#offs.forEach((off) => off());
		this.#transport?.destroy();
		this.awareness.destroy();
		this.doc.off('update', this.#onUpdate);
		await this.#persistence.destroy();
		this.doc.destroy();
	}

	async #load(): Promise<void> {
		await this.#persistence.whenLoaded;
		const meta = await this.#persistence.readMeta(META_KEY).catch(() => undefined);
		if (isPendingMeta(meta)) {
			this.#pending.restore(meta);
		}
		try {
			this.#deps.migrate(this.name, this.doc);
		} catch (error) {
			// An old build must still show what it can; the doc stays unmigrated on this device.
			console.error(`migrating ${this.name} failed`, error);
		}
		if (!this.#destroyed) {
			this.#attach();
			this.#startTransport();
		}
		this.#deps.onStatus();
	}

	#attach(): void {
		try {
			const detach = this.#deps.attach?.(this.name, this.doc);
			if (detach) {
				this.#offs.push(detach);
			}
		} catch (error) {
			// Derived work must never stop a document from opening and syncing.
			console.error(`attaching to ${this.name} failed`, error);
		}
	}

	#startTransport(): void {
		const transport = this.#deps.connectTransport(this.name, this.doc, this.awareness);
		this.#transport = transport;
		this.#offs.push(
			transport.on('state', (state) => {
				this.#everFailed ||= state === 'disconnected';
				this.#deps.onStatus();
			}),
			transport.on('synced', () => this.#deps.onStatus()),
			transport.on('server-state-vector', (sv) =>
				this.#serverKnows(() => this.#pending.noteServerStateVector(sv))
			),
			transport.on('server-update', (update) =>
				this.#serverKnows(() => this.#pending.noteServerUpdate(update))
			),
			transport.on('server-close', (code) => this.#onServerClose(code))
		);
		if (this.#deps.mayConnect()) {
			transport.connect();
		}
	}

	#serverKnows(note: () => void): void {
		note();
		this.#scheduleMeta();
		this.#deps.onStatus();
	}

	#onServerClose(code: number): void {
		this.#closeCode = code;
		const problem = problemForClose(code);
		if (problem) {
			this.#problem = problem;
			// The stock client already stops on 44xx; say so explicitly so no backoff timer revives it.
			this.#transport?.disconnect();
			this.#deps.onProblem(this, problem, code);
		}
		this.#deps.onStatus();
	}

	#onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
		if (isDeviceEdit(origin, tr)) {
			this.#pending.noteLocalUpdate(update);
			this.#scheduleMeta();
			this.#deps.onStatus();
		}
	};

	#openPersistence(): DocPersistence {
		const persistence = this.#deps.openPersistence(this.#deps.storageName, this.doc);
		persistence.onClosed((reason) => this.#reopen(persistence, reason));
		return persistence;
	}

	/**
	 * The browser closed our database (storage pressure, site data cleared in another tab) or a
	 * write threw. A fresh persistence stores the doc's full current state before anything else,
	 * so whatever was written meanwhile is not lost, and later edits are saved again.
	 */
	#reopen(closed: DocPersistence, reason: string): void {
		if (this.#destroyed || closed !== this.#persistence) {
			return;
		}
		void closed.destroy();
		if (this.#reopens >= MAX_REOPENS) {
			console.error(`local storage for ${this.name} keeps failing (${reason}); not saving`);
			return;
		}
		this.#reopens += 1;
		console.warn(`local storage for ${this.name} closed (${reason}); reopening`);
		this.#persistence = this.#openPersistence();
	}

	#scheduleMeta(): void {
		if (this.#metaTimer === null && !this.#destroyed) {
			this.#metaTimer = setTimeout(() => {
				this.#metaTimer = null;
				void this.#writeMeta().catch(() => {});
			}, META_DEBOUNCE_MS);
		}
	}

	#clearMetaTimer(): void {
		if (this.#metaTimer !== null) {
			clearTimeout(this.#metaTimer);
			this.#metaTimer = null;
		}
	}

	async #writeMeta(): Promise<void> {
		this.#clearMetaTimer();
		if (!this.#destroyed) {
			await this.#persistence.writeMeta(META_KEY, this.#pending.toMeta());
		}
	}
}

/**
 * A change someone made on this device. Our own writes carry a 'local' TxOrigin; bindings that
 * cannot pass one (y-prosemirror uses its plugin key, undo uses its UndoManager) are recognised
 * by Yjs's own flag: `tr.local` is false for everything applied from elsewhere (provider,
 * IndexedDB). Migrations are local too, but every replica makes them; they are not "pending".
 */
function isDeviceEdit(origin: unknown, tr: Y.Transaction): boolean {
	if (isTxOrigin(origin)) {
		return origin.kind === 'local';
	}
	return tr.local;
}
