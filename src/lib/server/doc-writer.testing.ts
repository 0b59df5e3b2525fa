import * as Y from 'yjs';
import type { DocWriter } from './doc-writer';

/**
 * A DocWriter over plain in-memory Y.Docs, for unit tests of services that write documents
 * (the real one is the sync server, covered by the integration tests).
 */
export class MemoryDocWriter implements DocWriter {
	readonly docs = new Map<string, Y.Doc>();
	/** Set to make the next writes fail, as a closing sync server would. */
	failWith: Error | null = null;

	async withDoc<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
		if (this.failWith) {
			throw this.failWith;
		}
		let doc = this.docs.get(name);
		if (!doc) {
			doc = new Y.Doc();
			this.docs.set(name, doc);
		}
		const target = doc;
		let result!: T;
		target.transact(() => (result = fn(target)));
		return result;
	}

	async applyUpdate(name: string, update: Uint8Array): Promise<void> {
		await this.withDoc(name, (doc) => Y.applyUpdate(doc, update));
	}

	async deleteDoc(name: string): Promise<void> {
		if (this.failWith) {
			throw this.failWith;
		}
		this.docs.get(name)?.destroy();
		this.docs.delete(name);
	}
}
