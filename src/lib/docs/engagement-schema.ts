import type * as Y from 'yjs';
import { defineTopLevel, type TopLevelShape } from './top-level';
import { META, runMigrations, type Migration, type MigrationReport } from './migrations';

/** Top-level shared types of `eng:<engagementId>`; see docs/data-model.md. */
export const ENGAGEMENT_TOP_LEVEL = {
	messages: 'array',
	notes: 'map',
	goals: 'map',
	reads: 'map',
	[META]: 'map'
} as const satisfies TopLevelShape;

export const ENGAGEMENT_MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'declare messages, notes, goals, reads and meta',
		up: (doc) => defineTopLevel(doc, ENGAGEMENT_TOP_LEVEL)
	}
];

export const ENGAGEMENT_SCHEMA_VERSION = ENGAGEMENT_MIGRATIONS.length;

/** Call once after loading (from IndexedDB, the server or a snapshot) and before reading. */
export function migrateEngagementDoc(doc: Y.Doc): MigrationReport {
	defineTopLevel(doc, ENGAGEMENT_TOP_LEVEL);
	return runMigrations(doc, ENGAGEMENT_MIGRATIONS);
}

export const messagesArray = (doc: Y.Doc) => doc.getArray<unknown>('messages');
export const notesMap = (doc: Y.Doc) => doc.getMap<unknown>('notes');
export const goalsMap = (doc: Y.Doc) => doc.getMap<unknown>('goals');
export const readsMap = (doc: Y.Doc) => doc.getMap<unknown>('reads');
