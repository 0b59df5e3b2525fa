import type * as Y from 'yjs';
import { toTxOrigin, type TxOrigin } from './origin';

export interface DocChange {
	readonly origin: TxOrigin;
	/** True for writes made through this device's verbs (not remote, not migrations). */
	readonly isLocal: boolean;
}

/**
 * Calls `fn` after every transaction that changed the document, whoever made it. Returns the
 * unsubscribe function, so a state bridge can hand it straight to `createSubscriber`.
 */
export function onDocChange(doc: Y.Doc, fn: (change: DocChange) => void): () => void {
	const listener = (_update: Uint8Array, origin: unknown) => {
		const txOrigin = toTxOrigin(origin);
		fn({ origin: txOrigin, isLocal: txOrigin.kind === 'local' });
	};
	doc.on('update', listener);
	return () => doc.off('update', listener);
}
