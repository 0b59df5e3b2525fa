import type * as Y from 'yjs';

export type TopLevelKind = 'map' | 'array' | 'xml-fragment';

/** The name and kind of every top-level shared type of one document type. */
export type TopLevelShape = Readonly<Record<string, TopLevelKind>>;

/**
 * Yjs fixes a top-level type's kind by the first `get*` call, so each document defines all of
 * its types up front (first migration, every open) and a stray `getArray` on a map name throws
 * at once instead of corrupting reads later.
 */
export function defineTopLevel(doc: Y.Doc, shape: TopLevelShape): void {
	for (const [name, kind] of Object.entries(shape)) {
		topLevelType(doc, name, kind);
	}
}

function topLevelType(doc: Y.Doc, name: string, kind: TopLevelKind): { toJSON(): unknown } {
	switch (kind) {
		case 'map':
			return doc.getMap(name);
		case 'array':
			return doc.getArray(name);
		case 'xml-fragment':
			return doc.getXmlFragment(name);
	}
}

/** JSON of every declared top-level type, as a stock client's `toJSON()` would produce it. */
export function topLevelJson(doc: Y.Doc, shape: TopLevelShape): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, kind] of Object.entries(shape)) {
		out[name] = topLevelType(doc, name, kind).toJSON();
	}
	return out;
}
