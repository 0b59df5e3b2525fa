import type * as Y from 'yjs';
import { parseDocName } from '../sync/protocol';
import type { TandemIndexDb } from './db';
import {
	attachCoachIndexer,
	attachEngagementIndexer,
	attachSubscriptionIndexer
} from './indexers/index';

/**
 * The DocRegistry `attach` hook that keeps the Dexie index following every open document,
 * whatever the origin of its changes:
 *
 *     new DocRegistry({ userId, attach: indexAttacher(openIndexDb(userId), userId) });
 */
export function indexAttacher(
	db: TandemIndexDb,
	userId: string,
	/** The user's ids from before an import, per engagement (the engagement list's formerIds). */
	formerIdsOf: (engagementId: string) => readonly string[] = () => []
) {
	return (docName: string, doc: Y.Doc): (() => void) | void => {
		const name = parseDocName(docName);
		if (name?.kind === 'eng') {
			const { engagementId } = name;
			const formerIds = () => formerIdsOf(engagementId);
			return attachEngagementIndexer({ db, doc, userId, engagementId, formerIds });
		}
		if (name?.kind === 'sub') {
			return attachSubscriptionIndexer({ db, doc, engagementId: name.engagementId });
		}
		if (name?.kind === 'coach' && name.userId === userId) {
			return attachCoachIndexer({ db, doc, userId });
		}
	};
}
