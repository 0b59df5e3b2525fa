/**
 * The typed schema of `eng:<engagementId>`: chat, shared notes with comments, goals and read
 * markers, written by both coach and client. Import it as a namespace:
 *
 *     import * as eng from '../docs/engagement-doc';
 *     eng.migrate(doc);
 *     eng.sendMessage(doc, actor, { text: 'Hi!' });
 *     const off = eng.onChange(doc, () => refresh());
 */
export {
	ENGAGEMENT_SCHEMA_VERSION as SCHEMA_VERSION,
	ENGAGEMENT_TOP_LEVEL as TOP_LEVEL,
	ENGAGEMENT_MIGRATIONS as MIGRATIONS,
	migrateEngagementDoc as migrate
} from './engagement-schema';
export { onDocChange as onChange } from './change';
export * from './engagement-messages';
export * from './engagement-notes';
export * from './engagement-goals';
export type { BodyEdit } from './note-store';
