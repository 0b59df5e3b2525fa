import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type * as Y from 'yjs';
import { noteSchema } from './schema';

/**
 * Copies a note body into another (empty) body, possibly in another document, keeping its
 * structure and formatting. Goes through a ProseMirror document so the copy is exactly what the
 * editor would have written. Run inside a transaction of the target's document (with a typed
 * origin): y-prosemirror opens its own, which then joins the caller's.
 */
export function copyNoteBody(source: Y.XmlFragment, target: Y.XmlFragment): void {
	const content = yXmlFragmentToProseMirrorRootNode(source, noteSchema);
	prosemirrorToYXmlFragment(content, target);
}
