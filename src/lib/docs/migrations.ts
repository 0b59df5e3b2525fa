import type * as Y from 'yjs';
import { migrationOrigin } from './origin';

/** Top-level map every Tandem document has; `schemaVersion` is the last migration applied. */
export const META = 'meta';
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/**
 * One numbered step of a document's schema. `up` must be idempotent and only ADD what is missing:
 * two replicas may run it concurrently while offline and merge afterwards, so it must never
 * replace an existing shared type (the loser's contents would vanish) and must only write
 * values that both replicas would compute identically.
 */
export interface Migration {
	readonly version: number;
	readonly description: string;
	up(doc: Y.Doc): void;
}

export interface MigrationReport {
	readonly from: number;
	readonly to: number;
	/** The document was written by newer code than this build: read it, but do not migrate it. */
	readonly isNewerThanSupported: boolean;
}

export function schemaVersion(doc: Y.Doc): number {
	const value = doc.getMap(META).get(SCHEMA_VERSION_KEY);
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/** Numbered 1..n without gaps, so "applied up to n" has one meaning everywhere. */
export function assertMigrationList(migrations: readonly Migration[]): void {
	migrations.forEach((migration, index) => {
		if (migration.version !== index + 1) {
			throw new Error(`migration ${index} has version ${migration.version}, expected ${index + 1}`);
		}
	});
}

/**
 * Applies the missing migrations in one transaction with the migration origin. The version only
 * ever moves forward: concurrent replicas both write the same number, which merges to itself.
 */
export function runMigrations(doc: Y.Doc, migrations: readonly Migration[]): MigrationReport {
	assertMigrationList(migrations);
	const from = schemaVersion(doc);
	const latest = migrations.length;
	if (from >= latest) {
		return { from, to: from, isNewerThanSupported: from > latest };
	}
	doc.transact(() => {
		for (const migration of migrations.slice(from)) {
			migration.up(doc);
		}
		doc.getMap(META).set(SCHEMA_VERSION_KEY, latest);
	}, migrationOrigin);
	return { from, to: latest, isNewerThanSupported: false };
}
