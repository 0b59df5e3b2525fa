/** The derived Dexie index: indexers that follow the documents, a rebuild, and the queries. */
export {
	attachEngagementIndexer,
	type DetachIndexer,
	type IndexerOptions
} from './engagement-indexer';
export { attachCoachIndexer } from './coach-indexer';
export { attachSubscriptionIndexer, subscriptionRow } from './subscription-indexer';
export { rebuildIndex, type IndexedDocs } from './rebuild';
export { goalsDue, listConversations, notesOf, searchNotes, totalUnread } from './queries';
export { foldText, indexWords } from './words';
