import { DERIVED_TABLES, type TandemIndexDb } from '../db';

/**
 * The derived tables' contents, each sorted by primary key: two indexes built from the same
 * documents must produce equal snapshots, however the rows got there.
 */
export async function snapshotIndex(db: TandemIndexDb): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const name of DERIVED_TABLES) {
		// toArray() on the table is in primary-key order.
		out[name] = await db.table(name).toArray();
	}
	return out;
}
