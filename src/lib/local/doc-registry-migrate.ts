import type * as Y from 'yjs';
import * as coach from '../docs/coach-doc';
import * as eng from '../docs/engagement-doc';
import * as sub from '../docs/subscription-doc';
import { parseDocName } from '../sync/protocol';

/**
 * Runs the schema module's migrations for a document, picked by its name's prefix. Names the
 * app does not know are left alone (the server refuses them anyway).
 */
export function migrateByName(docName: string, doc: Y.Doc): void {
	switch (parseDocName(docName)?.kind) {
		case 'eng':
			eng.migrate(doc);
			return;
		case 'sub':
			sub.migrate(doc);
			return;
		case 'coach':
			coach.migrate(doc);
			return;
		case undefined:
			return;
	}
}
