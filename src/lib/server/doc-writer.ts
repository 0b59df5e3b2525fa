import type * as Y from 'yjs';

/**
 * Writes into a Yjs document through the sync server's durable path (its in-process `withDoc`):
 * `fn` runs in one transaction and the promise resolves once the change is stored and sent to
 * connected clients. An interface so src/lib/server never imports sync-server.
 */
export interface DocWriter {
	withDoc<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T>;
	/**
	 * Stores and relays an encoded Yjs update as a client's edit would be, without building a
	 * Y.Doc of the whole document (withDoc does, which costs time in proportion to its size on
	 * the event loop): for bulk restores such as an import. The bytes must be a valid update.
	 */
	applyUpdate(name: string, update: Uint8Array): Promise<void>;
	/**
	 * Deletes the document everywhere: its live connections are closed (4410), it leaves memory,
	 * and its stored bytes are overwritten and the journal truncated. Make access checks refuse
	 * the name first, or a client reconnecting with a local copy may recreate it.
	 */
	deleteDoc(name: string): Promise<void>;
}

/** Thrown by an unbound slot; services turn it into a 503 `unavailable`. */
export class DocWriterUnavailableError extends Error {
	constructor() {
		super('The document server is not running.');
		this.name = 'DocWriterUnavailableError';
	}
}

/**
 * The services are built before the sync server exists (the sync server needs them for its
 * hooks), so they get this slot and the composition root binds the sync server into it after
 * `attachSync`, and unbinds it on close.
 *
 *     const attached = attachSync(services, upgrades);
 *     services.docWriter.bind(attached.sync);
 */
export class DocWriterSlot implements DocWriter {
	#writer: DocWriter | null = null;

	bind(writer: DocWriter | null): void {
		this.#writer = writer;
	}

	get isBound(): boolean {
		return this.#writer !== null;
	}

	withDoc<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
		return this.#writer
			? this.#writer.withDoc(name, fn)
			: Promise.reject(new DocWriterUnavailableError());
	}

	applyUpdate(name: string, update: Uint8Array): Promise<void> {
		return this.#writer
			? this.#writer.applyUpdate(name, update)
			: Promise.reject(new DocWriterUnavailableError());
	}

	deleteDoc(name: string): Promise<void> {
		return this.#writer
			? this.#writer.deleteDoc(name)
			: Promise.reject(new DocWriterUnavailableError());
	}
}
