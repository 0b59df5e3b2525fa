import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import * as eng from './engagement-doc';
import { assertMigrationList, runMigrations, schemaVersion, type Migration } from './migrations';
import { isTxOrigin, localOrigin, migrationOrigin, toTxOrigin } from './origin';

/*
 * A future migration shaped the way ours must be: it only fills in a missing field, with a value
 * every replica computes the same way, so concurrent runs merge to one result.
 */
const withPinned: readonly Migration[] = [
	...eng.MIGRATIONS,
	{
		version: eng.MIGRATIONS.length + 1,
		description: 'notes gain pinned = false',
		up(doc) {
			for (const note of doc.getMap('notes').values()) {
				if (note instanceof Y.Map && !note.has('pinned')) {
					note.set('pinned', false);
				}
			}
		}
	}
];

const exchange = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('runMigrations', () => {
	it('runs pending migrations in one transaction with the migration origin', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr) => origins.push(tr.origin));
		expect(runMigrations(doc, withPinned)).toEqual({ from: 0, to: 2, isNewerThanSupported: false });
		expect(origins).toEqual([migrationOrigin]);
		expect(schemaVersion(doc)).toBe(2);
	});

	it('two replicas upgrading concurrently while writing keep every write', () => {
		const a = new Y.Doc();
		eng.migrate(a);
		const coach = buildActor('coach');
		const first = eng.createNote(a, coach, { title: 'Before upgrade' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		eng.migrate(b);
		// b writes, then both replicas upgrade offline, each backfilling what it can see.
		const second = eng.createNote(b, buildActor('client'), { title: 'Written on b' });
		runMigrations(a, withPinned);
		runMigrations(b, withPinned);
		expect(first.ok && second.ok).toBe(true);
		if (first.ok) {
			eng.setNoteText(a, coach, { noteId: first.value, text: 'edited on a' });
		}
		exchange(a, b);
		runMigrations(a, withPinned);
		runMigrations(b, withPinned);
		exchange(a, b);
		for (const doc of [a, b]) {
			expect(schemaVersion(doc)).toBe(2);
			const notes = doc.getMap('notes').toJSON() as Record<
				string,
				{ title: string; pinned: boolean }
			>;
			expect(
				Object.values(notes)
					.map((n) => [n.title, n.pinned])
					.sort()
			).toEqual([
				['Before upgrade', false],
				['Written on b', false]
			]);
		}
		expect(eng.listNotes(a)).toEqual(eng.listNotes(b));
		expect(eng.listNotes(a).find((n) => n.title === 'Before upgrade')?.bodyText).toBe(
			'edited on a'
		);
	});

	it('refuses a migration list with gaps', () => {
		const bad: Migration[] = [{ version: 2, description: 'x', up: () => {} }];
		expect(() => assertMigrationList(bad)).toThrow(/expected 1/);
	});

	it('ignores a malformed version value', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', 'three');
		expect(schemaVersion(doc)).toBe(0);
	});
});

describe('origins', () => {
	it('recognises our origins and treats anything else as remote', () => {
		expect(isTxOrigin(localOrigin('u'))).toBe(true);
		expect(isTxOrigin({ kind: 'local' })).toBe(false);
		expect(isTxOrigin({ kind: 'server', reason: 'x' })).toBe(true);
		expect(isTxOrigin({ kind: 'other' })).toBe(false);
		expect(isTxOrigin(null)).toBe(false);
		expect(toTxOrigin(Symbol('provider'))).toEqual({ kind: 'remote' });
		// Yjs re-applies once-pending updates with origin null.
		expect(toTxOrigin(null)).toEqual({ kind: 'remote' });
		expect(toTxOrigin(migrationOrigin)).toBe(migrationOrigin);
	});
});
