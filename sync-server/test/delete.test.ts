import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '../../src/lib/sync/protocol';
import { DocumentDeletedError } from '../src/index';
import { testResources, text, waitFor, type TestServer } from './helpers';

const { server, client } = testResources();

const DB_FILES = ['docs.sqlite', 'docs.sqlite-wal', 'docs.sqlite-shm'];

/** The raw bytes of the store's files (main, WAL, shared memory), as they are on disk now. */
function storeBytes(s: TestServer): Buffer {
	return Buffer.concat(
		DB_FILES.map((name) => path.join(s.dataDir, name))
			.filter((file) => fs.existsSync(file))
			.map((file) => fs.readFileSync(file))
	);
}

/** A second connection, as an operator's sqlite3 shell would open the file. */
function inspect<T>(s: TestServer, fn: (db: Database.Database) => T): T {
	const db = new Database(path.join(s.dataDir, 'docs.sqlite'));
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** Polls the server's own copy (bounded) until the condition holds: the client's edit arrived. */
async function until(s: TestServer, docName: string, condition: (doc: Y.Doc) => boolean) {
	for (let i = 0; i < 300; i++) {
		if (await s.sync.withDoc(docName, condition)) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`${docName} never reached the expected state`);
}

describe('deleting a document', () => {
	it('closes its connections with 4410 and a reload starts empty; others are untouched', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		const a2 = client(s.url, 'doc-a', 'bob');
		const b = client(s.url, 'doc-b', 'alice');
		a.doc.getText('text').insert(0, 'gone soon');
		b.doc.getText('text').insert(0, 'stays');
		await waitFor(() => text(a2.doc) === 'gone soon');
		await s.sync.withDoc('doc-b', () => {});

		await s.sync.deleteDocument('doc-a');
		expect((await a.closed).code).toBe(CloseCode.AccessRevoked);
		expect((await a2.closed).reason).toBe('document deleted');
		// Their local copies would recreate the document: the app's authorize refuses them first.
		a.destroy();
		a2.destroy();
		expect((await s.persistence.load('doc-a')).updates).toHaveLength(0);
		const fresh = client(s.url, 'doc-a', 'alice');
		await fresh.synced();
		expect(text(fresh.doc)).toBe('');
		expect(await s.sync.withDoc('doc-b', (doc) => text(doc))).toBe('stays');
		expect(b.provider.wsconnected).toBe(true);
	});

	it('leaves no byte of the content in the database files, WAL included', async () => {
		const s = await server({ compaction: { maxUpdates: 5, maxBytes: 1 << 20 } });
		const marker = `deleted-${randomBytes(64).toString('hex')}`;
		const kept = `kept-${randomBytes(64).toString('hex')}`;
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-b', 'alice');
		a.doc.getText('text').insert(0, marker);
		b.doc.getText('text').insert(0, kept);
		await until(s, 'doc-a', (doc) => text(doc) === marker);
		await until(s, 'doc-b', (doc) => text(doc) === kept);
		// Into the main file too, then compacted: the log rows holding it are freed and rewritten.
		inspect(s, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));
		expect(storeBytes(s).includes(marker)).toBe(true);
		for (let i = 0; i < 12; i++) {
			a.doc.getText('other').insert(0, 'x');
			await until(s, 'doc-a', (doc) => text(doc, 'other').length === i + 1);
		}
		await waitFor(() =>
			inspect(s, (db) => !!db.prepare("SELECT 1 FROM doc_snapshots WHERE doc = 'doc-a'").get())
		);
		expect(storeBytes(s).includes(marker)).toBe(true);

		await s.sync.deleteDocument('doc-a');
		await a.closed;
		a.destroy();
		const bytes = storeBytes(s);
		expect(bytes.includes(marker.slice(0, 40))).toBe(false);
		// The scan does see content that is still there.
		expect(bytes.includes(kept)).toBe(true);
		expect(fs.statSync(path.join(s.dataDir, 'docs.sqlite-wal')).size).toBe(0);
	});

	it('rejects a write that was not stored yet; a write after the deletion starts afresh', async () => {
		const s = await server();
		await s.sync.withDoc('doc-a', (doc) => doc.getText('text').insert(0, 'old'));
		const racing = s.sync.withDoc('doc-a', (doc) => doc.getText('text').insert(0, 'racing '));
		const deleting = s.sync.deleteDocument('doc-a');
		const after = s.sync.withDoc('doc-a', (doc) => {
			doc.getText('text').insert(0, 'new');
			return text(doc);
		});
		await expect(racing).rejects.toBeInstanceOf(DocumentDeletedError);
		await deleting;
		expect(await after).toBe('new');
		expect(await s.sync.withDoc('doc-a', (doc) => text(doc))).toBe('new');
		await s.sync.close();
		const stored = await s.persistence.load('doc-a');
		expect(stored.logRows).toBe(1);
	});

	it('never brings the old content back into a load that raced the deletion', async () => {
		const s = await server();
		await s.sync.withDoc('doc-a', (doc) => doc.getText('text').insert(0, 'old'));
		await s.sync.close();
		const t = await server({ dataDir: s.dataDir });
		// Still loading when the deletion starts: either dropped with it or written afresh after.
		const racing = t.sync
			.withDoc('doc-a', (doc) => doc.getText('text').insert(0, 'racing'))
			.then(
				() => 'stored',
				(error: unknown) => (error instanceof DocumentDeletedError ? 'dropped' : error)
			);
		await t.sync.deleteDocument('doc-a');
		const outcome = await racing;
		const expected = { stored: 'racing', dropped: '' }[outcome as 'stored' | 'dropped'];
		expect(await t.sync.withDoc('doc-a', (doc) => text(doc))).toBe(expected);
		await t.sync.close();
		expect(storeBytes(t).includes('old')).toBe(false);
	});
});
