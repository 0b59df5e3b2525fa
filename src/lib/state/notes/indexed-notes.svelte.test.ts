import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { observe } from '../../../../tests/factories/observe.svelte';
import { openIndexDb, type NoteRow, type TandemIndexDb } from '../../local/db';
import { indexWords } from '../../local/indexers/words';
import { IndexedNotes } from './indexed-notes.svelte';

const databases: TandemIndexDb[] = [];
afterEach(async () => {
	for (const db of databases.splice(0)) {
		await db.delete();
	}
});

function freshDb(name: string): TandemIndexDb {
	const db = openIndexDb(name);
	databases.push(db);
	return db;
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
		flushSync();
	}
	expect(condition()).toBe(true);
}

function note(engagementId: string, id: string, title: string, updatedAt: number): NoteRow {
	return {
		key: `eng:${engagementId}/${id}`,
		id,
		docName: `eng:${engagementId}`,
		engagementId,
		scope: 'shared',
		title,
		text: '',
		updatedAt,
		words: indexWords(title, 100)
	};
}

describe('IndexedNotes', () => {
	it("lists one engagement's notes, newest first, and follows writes", async () => {
		const db = freshDb('indexed-notes-of');
		await db.notes.bulkPut([
			note('e1', 'a', 'Week one', 100),
			note('e2', 'b', 'Other client', 300)
		]);
		const notes = IndexedNotes.of(db, 'e1');
		const seen = observe(() => notes.current.map((row) => row.id));
		await until(() => notes.current.length === 1);
		await db.notes.put(note('e1', 'c', 'Week two', 200));
		await until(() => notes.current.length === 2);
		expect(seen.values.at(-1)).toEqual(['c', 'a']);
		seen.stop();
	});

	it("finds the engagement's notes matching a search, and no other engagement's", async () => {
		const db = freshDb('indexed-notes-matching');
		await db.notes.bulkPut([
			note('e1', 'a', 'Running plan', 100),
			note('e1', 'b', 'Sleep', 200),
			note('e2', 'c', 'Running too', 300)
		]);
		const found = IndexedNotes.matching(db, 'e1', 'run');
		const seen = observe(() => found.current.map((row) => row.id));
		await until(() => found.current.length > 0);
		expect(seen.values.at(-1)).toEqual(['a']);
		seen.stop();
	});
});
