import * as Y from 'yjs';
import type { Principal } from './config';
import { DeletedRanges } from './deleted-ranges';

/**
 * Where a piece of content sits: the root type's name, then per level the map key (string) or
 * a sequence position (null), ending with the content's own key. `['messages', null]` is an
 * element of the root array `messages`; `['notes', 'n1', 'authorId']` a field of the map
 * stored under `n1` in the root map `notes`.
 */
export type ContentPath = readonly (string | null)[];

export interface InsertedContent {
	/** The Yjs client id that wrote it. */
	readonly client: number;
	/** null when its position depends on content the server does not have. */
	readonly path: ContentPath | null;
	/** Plain values (Y.Array push / Y.Map set of JSON); null for text, nested types and the like. */
	readonly values: readonly unknown[] | null;
	/** The item creates a nested shared type (Y.Map, Y.Array, Y.XmlFragment...). */
	readonly isType: boolean;
	/** Its container was created by this same update (e.g. the fields of a new note). */
	readonly inNewContainer: boolean;
	/** Its container is deleted already: the content will never be visible. */
	readonly inDeletedContainer: boolean;
}

export interface DeletedContent {
	/** The Yjs client id that wrote the deleted content. */
	readonly client: number;
	readonly path: ContentPath | null;
	readonly values: readonly unknown[] | null;
	/** Its container is deleted too (here or before): a consequence of deleting the container. */
	readonly inDeletedContainer: boolean;
}

/** What a client's update adds and removes, for an UpdatePolicy to judge before anything is stored. */
export interface InspectedUpdate {
	readonly docName: string;
	/** Client ids of the new structs. */
	readonly clients: ReadonlySet<number>;
	readonly inserted: readonly InsertedContent[];
	readonly deleted: readonly DeletedContent[];
}

/**
 * App-supplied rules for one document (SyncHooks.updatePolicy). Return a reason to refuse the
 * whole update: the connection is closed with 4433 and nothing of it is stored or relayed.
 */
export interface UpdatePolicy {
	check(update: InspectedUpdate, principal: Principal): string | null;
}

type Parent = string | Y.ID | null;

interface Entry {
	clock: number;
	len: number;
	parent: Parent;
	parentSub: string | null;
	origin: Y.ID | null;
	rightOrigin: Y.ID | null;
	values: unknown[] | null;
	isType: boolean;
	/** GC'd content: its container is gone, nothing about it is known. */
	isGc: boolean;
	/** Resolved path of a nested type (cached: many children ask for it). */
	path?: ContentPath | null;
}

type Structs = readonly (Y.Item | Y.GC | Y.Skip)[];
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

/**
 * Where every struct of a document sits, kept as small records (no Y.Doc): enough to tell, for
 * an incoming update, the path of each new item and of each item it deletes. Built once from
 * the document's state, then fed every accepted update. Yjs has no field-level permissions;
 * this is what lets the app enforce its own (issue 15: chat history and authorship).
 */
export class StructIndex {
	readonly #byClient = new Map<number, Entry[]>();
	readonly #deleted = new DeletedRanges();

	constructor(state: Uint8Array) {
		const { structs, ds } = Y.decodeUpdate(state);
		this.add(structs, ds);
	}

	/** Records accepted structs and deletions (whatever their source); known parts are skipped. */
	add(structs: Structs, ds: DeleteSet): void {
		for (const struct of structs) {
			if (!(struct instanceof Y.Skip)) {
				this.#insert(struct.id.client, entryOf(struct));
			}
		}
		ds.clients.forEach((items, client) => this.#deleted.addAll(client, items));
	}

	/** Describes what `structs` and `ds` would add and delete (nothing is recorded). */
	inspect(docName: string, structs: Structs, ds: DeleteSet): InspectedUpdate {
		const staged = new Map<number, Entry[]>();
		const clients = new Set<number>();
		const fresh: { client: number; entry: Entry }[] = [];
		for (const struct of structs) {
			if (struct instanceof Y.Skip || struct instanceof Y.GC) {
				continue;
			}
			const { client } = struct.id;
			const entry = entryOf(struct);
			const list = staged.get(client) ?? [];
			list.push(entry);
			staged.set(client, list);
			clients.add(client);
			fresh.push({ client, entry });
		}
		const lookup = (id: Y.ID) => find(staged.get(id.client), id.clock) ?? this.#find(id);
		const isStaged = (id: Y.ID) => find(staged.get(id.client), id.clock) !== null;
		const inserted = fresh.map(({ client, entry }) => {
			const container = resolveContainer(entry, lookup);
			const parent = container.parent;
			const isNested = parent !== null && typeof parent !== 'string';
			return {
				client,
				path: pathOf(entry, container, lookup),
				values: entry.values,
				isType: entry.isType,
				inNewContainer: isNested && isStaged(parent),
				inDeletedContainer:
					container.isGone || (isNested && this.#deleted.covers(parent.client, parent.clock, 1))
			} satisfies InsertedContent;
		});
		if (ds.clients.size === 0) {
			return { docName, clients, inserted, deleted: [] };
		}
		const deletedHere = new DeletedRanges();
		ds.clients.forEach((items, client) => deletedHere.addAll(client, items));
		const isDeleted = (id: Y.ID) =>
			deletedHere.covers(id.client, id.clock, 1) || this.#deleted.covers(id.client, id.clock, 1);
		const deleted: DeletedContent[] = [];
		ds.clients.forEach((items, client) => {
			for (const item of items) {
				this.#describeDeletion(client, item, { lookup, isDeleted, out: deleted });
			}
		});
		return { docName, clients, inserted, deleted };
	}

	#describeDeletion(
		client: number,
		range: { clock: number; len: number },
		context: {
			lookup: (id: Y.ID) => Entry | null;
			isDeleted: (id: Y.ID) => boolean;
			out: DeletedContent[];
		}
	): void {
		const end = range.clock + range.len;
		for (const entry of this.#overlapping(client, range.clock, end)) {
			if (entry.isGc) {
				continue;
			}
			const from = Math.max(entry.clock, range.clock);
			const to = Math.min(entry.clock + entry.len, end);
			const container = resolveContainer(entry, context.lookup);
			const path = pathOf(entry, container, context.lookup);
			const parent = container.parent;
			const inDeletedContainer =
				container.isGone ||
				(parent !== null && typeof parent !== 'string' && context.isDeleted(parent));
			const push = (values: unknown[] | null) =>
				context.out.push({ client, path, values, inDeletedContainer });
			if (entry.values) {
				// Per value: a repeated delete set must not blame anyone for what is gone already.
				const fresh = entry.values.filter(
					(_, i) =>
						entry.clock + i >= from &&
						entry.clock + i < to &&
						!this.#deleted.covers(client, entry.clock + i, 1)
				);
				if (fresh.length > 0) {
					push(fresh);
				}
			} else if (!this.#deleted.covers(client, from, to - from)) {
				push(null);
			}
		}
	}

	/** Resolves the container now when it can, so the origins need not be kept. */
	#settle(entry: Entry): void {
		if (!entry.isGc && resolveContainer(entry, (id) => this.#find(id)).parent !== null) {
			entry.origin = null;
			entry.rightOrigin = null;
		}
	}

	#find(id: Y.ID): Entry | null {
		return find(this.#byClient.get(id.client), id.clock);
	}

	*#overlapping(client: number, from: number, to: number): Generator<Entry> {
		const list = this.#byClient.get(client);
		if (!list) {
			return;
		}
		let index = Math.max(0, lastAtOrBefore(list, from));
		for (; index < list.length && list[index]!.clock < to; index++) {
			const entry = list[index]!;
			if (entry.clock + entry.len > from) {
				yield entry;
			}
		}
	}

	#insert(client: number, entry: Entry): void {
		const list = this.#byClient.get(client) ?? [];
		this.#byClient.set(client, list);
		const last = list.at(-1);
		const lastEnd = last ? last.clock + last.len : 0;
		if (entry.clock >= lastEnd) {
			this.#settle(entry);
			if (last && entry.clock === lastEnd && canJoin(last, entry)) {
				// One record per run, not per keystroke or message: what keeps the index small.
				last.len += entry.len;
				entry.values?.forEach((value) => last.values!.push(value));
			} else {
				list.push(entry);
			}
			return;
		}
		// Overlaps or fills a gap: keep only clocks not yet known (rare: gaps, repeats).
		const index = lastAtOrBefore(list, entry.clock);
		const before = list[index];
		const start = before ? Math.max(entry.clock, before.clock + before.len) : entry.clock;
		const next = list[index + 1];
		const end = Math.min(entry.clock + entry.len, next ? next.clock : Infinity);
		if (start < end) {
			list.splice(index + 1, 0, sliceEntry(entry, start, end));
		}
	}
}

function entryOf(struct: Y.Item | Y.GC): Entry {
	const { clock } = struct.id;
	if (struct instanceof Y.GC) {
		const none = { parent: null, parentSub: null, origin: null, rightOrigin: null, values: null };
		return { clock, len: struct.length, ...none, isType: false, isGc: true };
	}
	const content = struct.content;
	const values =
		content instanceof Y.ContentAny || content instanceof Y.ContentJSON
			? (content.getContent() as unknown[])
			: null;
	return {
		clock,
		len: struct.length,
		parent: struct.parent as unknown as Parent,
		parentSub: struct.parentSub,
		origin: struct.origin,
		rightOrigin: struct.rightOrigin,
		values,
		isType: content instanceof Y.ContentType,
		isGc: false
	};
}

function canJoin(a: Entry, b: Entry): boolean {
	return (
		!a.isType &&
		!b.isType &&
		!a.isGc &&
		!b.isGc &&
		a.parent !== null &&
		b.parent !== null &&
		sameParent(a.parent, b.parent) &&
		a.parentSub === b.parentSub &&
		(a.values === null) === (b.values === null)
	);
}

function sameParent(a: string | Y.ID, b: string | Y.ID): boolean {
	if (typeof a === 'string' || typeof b === 'string') {
		return a === b;
	}
	return a.client === b.client && a.clock === b.clock;
}

/** Part of a run: every clock of a run sits in the same container, so its origins still lead there. */
function sliceEntry(entry: Entry, start: number, end: number): Entry {
	const offset = start - entry.clock;
	return {
		...entry,
		clock: start,
		len: end - start,
		values: entry.values?.slice(offset, offset + end - start) ?? null
	};
}

interface Container {
	/** Root type name, the nested type's item id, or null when unknown. */
	parent: Parent;
	parentSub: string | null;
	/** Reached GC'd content: the container was deleted and collected. */
	isGone: boolean;
}

const UNKNOWN: Container = { parent: null, parentSub: null, isGone: false };
const GONE: Container = { parent: null, parentSub: null, isGone: true };

/**
 * Items that follow another one carry no parent on the wire (Yjs copies it from the origin when
 * integrating): walk the origins until one names it, and remember the answer on the way.
 */
function resolveContainer(entry: Entry, lookup: (id: Y.ID) => Entry | null): Container {
	const walked: Entry[] = [];
	let current: Entry | null = entry;
	let found: Container = UNKNOWN;
	while (current) {
		if (current.isGc) {
			found = GONE;
			break;
		}
		if (current.parent !== null) {
			found = { parent: current.parent, parentSub: current.parentSub, isGone: false };
			break;
		}
		walked.push(current);
		const next: Y.ID | null = current.origin ?? current.rightOrigin;
		current = next ? lookup(next) : null;
	}
	if (found.parent !== null) {
		walked.forEach((e) => {
			e.parent = found.parent;
			e.parentSub = found.parentSub;
		});
	}
	return found;
}

function pathOf(
	entry: Entry,
	container: Container,
	lookup: (id: Y.ID) => Entry | null
): ContentPath | null {
	if (typeof container.parent === 'string') {
		return [container.parent, container.parentSub];
	}
	if (container.parent === null) {
		return null;
	}
	const owner = lookup(container.parent);
	if (!owner || owner.isGc) {
		return null;
	}
	if (owner.path === undefined) {
		owner.path = pathOf(owner, resolveContainer(owner, lookup), lookup);
	}
	return owner.path && [...owner.path, container.parentSub];
}

function find(list: Entry[] | undefined, clock: number): Entry | null {
	if (!list) {
		return null;
	}
	const entry = list[lastAtOrBefore(list, clock)];
	return entry && clock < entry.clock + entry.len ? entry : null;
}

function lastAtOrBefore(list: Entry[], clock: number): number {
	let low = 0;
	let high = list.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (list[middle]!.clock <= clock) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}
	return found;
}
