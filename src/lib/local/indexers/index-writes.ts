/** Applying computed rows to Dexie: upserts, deletions and whole-document replacement. */
import type { EntityTable } from 'dexie';
import type { ConversationRow, GoalRow, NoteRow, TandemIndexDb } from '../db';

export interface TableChange<Row> {
	readonly put: readonly Row[];
	readonly remove: readonly string[];
	/**
	 * A full reconcile of one document: rows matching this index value that are not in `put`
	 * are deleted (notes or goals removed while the indexer was not attached).
	 */
	readonly replace?: { readonly index: string; readonly value: string };
}

export interface IndexChanges {
	readonly conversation?: ConversationRow;
	readonly notes: TableChange<NoteRow>;
	readonly goals: TableChange<GoalRow>;
}

export const noChange = <Row>(): TableChange<Row> => ({ put: [], remove: [] });

export function isEmpty(changes: IndexChanges): boolean {
	const empty = (change: TableChange<unknown>) =>
		change.put.length === 0 && change.remove.length === 0 && !change.replace;
	return !changes.conversation && empty(changes.notes) && empty(changes.goals);
}

async function applyTable<Row extends { key: string }>(
	table: EntityTable<Row, 'key'>,
	change: TableChange<Row>
): Promise<void> {
	const remove = new Set(change.remove);
	if (change.replace) {
		const kept = new Set(change.put.map((row) => row.key));
		const existing = await table
			.where(change.replace.index)
			.equals(change.replace.value)
			.primaryKeys();
		for (const key of existing) {
			if (!kept.has(key)) {
				remove.add(key);
			}
		}
	}
	if (remove.size > 0) {
		// where(':id') rather than bulkDelete: the generic Row hides the key type from Dexie's typing.
		await table
			.where(':id')
			.anyOf([...remove])
			.delete();
	}
	if (change.put.length > 0) {
		await table.bulkPut([...change.put]);
	}
}

export async function applyChanges(db: TandemIndexDb, changes: IndexChanges): Promise<void> {
	await db.transaction('rw', db.conversations, db.notes, db.goals, async () => {
		if (changes.conversation) {
			await db.conversations.put(changes.conversation);
		}
		await applyTable(db.notes, changes.notes);
		await applyTable(db.goals, changes.goals);
	});
}
