import { ENGAGEMENT_TOP_LEVEL } from '../src/lib/docs/engagement-schema';
import type {
	ContentPath,
	DeletedContent,
	InsertedContent,
	InspectedUpdate,
	Principal,
	UpdatePolicy
} from '../sync-server/src/index';

/** Which user first wrote with a Yjs client id on a document; kept across restarts. */
export interface ClientOwners {
	ownerOf(docName: string, client: number): string | null;
	claim(docName: string, client: number, userId: string): void;
}

const MESSAGES = 'messages' satisfies keyof typeof ENGAGEMENT_TOP_LEVEL;
const READS = 'reads' satisfies keyof typeof ENGAGEMENT_TOP_LEVEL;
/** Comment fields anyone in the engagement may change (resolving a thread). */
const RESOLUTION_FIELDS = new Set(['resolved', 'resolvedBy', 'resolvedAt']);

/**
 * What a connection may change in `eng:<id>` (issue 15: a client deleted the coach's message,
 * wrote one as the coach and moved the coach's read marker). Notes, their bodies and goals stay
 * co-edited by both people by design; what is refused:
 * - writing with a Yjs client id another user already wrote with on this document;
 * - a chat message whose `authorId` is not the writer, or deleting someone else's message
 *   (chat is append-only except for one's own messages);
 * - setting or removing a read marker other than one's own (`reads[userId]`);
 * - setting `authorId` anywhere but on an item created in the same change, as oneself, or
 *   removing it other than with its item; `resolvedBy` other than oneself;
 * - changing a comment other than resolving it, or deleting it other than with its note;
 * - content placed relative to content the server does not have (it could land anywhere).
 */
export class EngagementUpdatePolicy implements UpdatePolicy {
	readonly #owners: ClientOwners;

	constructor(owners: ClientOwners) {
		this.#owners = owners;
	}

	check(update: InspectedUpdate, principal: Principal): string | null {
		const user = principal.userId;
		for (const client of update.clients) {
			const owner = this.#owners.ownerOf(update.docName, client);
			if (owner !== null && owner !== user) {
				return 'writes with another person’s client id';
			}
		}
		const problem =
			firstProblem(update.inserted, (item) => insertProblem(item, user)) ??
			firstProblem(update.deleted, (item) => this.#deleteProblem(update.docName, item, user));
		if (problem) {
			return problem;
		}
		for (const client of update.clients) {
			if (this.#owners.ownerOf(update.docName, client) === null) {
				this.#owners.claim(update.docName, client, user);
			}
		}
		return null;
	}

	#deleteProblem(docName: string, item: DeletedContent, user: string): string | null {
		// Removed with its container (a note with its comments): the container's deletion decides.
		if (item.inDeletedContainer || item.path === null) {
			return null;
		}
		const { path } = item;
		if (isChatMessage(path)) {
			const mine =
				this.#owners.ownerOf(docName, item.client) === user ||
				(item.values ?? []).every((value) => authorOf(value) === user);
			return mine ? null : 'deletes another person’s chat message';
		}
		if (isReadMarker(path)) {
			return path[1] === user ? null : 'moves another person’s read marker';
		}
		if (isAuthorField(path)) {
			return 'removes an author';
		}
		if (isComment(path)) {
			return 'deletes a comment';
		}
		if (isCommentField(path)) {
			return 'edits a comment';
		}
		return null;
	}
}

function insertProblem(item: InsertedContent, user: string): string | null {
	if (item.inDeletedContainer) {
		return null;
	}
	const { path } = item;
	if (path === null) {
		return 'depends on content the server does not have';
	}
	if (isChatMessage(path)) {
		const values = item.values ?? [];
		return values.length > 0 && values.every((value) => authorOf(value) === user)
			? null
			: 'adds a chat message as someone else';
	}
	if (isReadMarker(path)) {
		return path[1] === user ? null : 'moves another person’s read marker';
	}
	if (isAuthorField(path)) {
		const ownNew = item.inNewContainer && (item.values ?? []).every((value) => value === user);
		return ownNew ? null : 'sets an author other than oneself';
	}
	if (path.at(-1) === 'resolvedBy') {
		return (item.values ?? []).every((value) => value === user || value === null)
			? null
			: 'resolves as someone else';
	}
	if (isCommentField(path) && !item.inNewContainer) {
		return 'edits a comment';
	}
	return null;
}

function firstProblem<T>(items: readonly T[], problem: (item: T) => string | null): string | null {
	for (const item of items) {
		const found = problem(item);
		if (found) {
			return found;
		}
	}
	return null;
}

function authorOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null
		? (value as Record<string, unknown>).authorId
		: undefined;
}

const isChatMessage = (path: ContentPath) => path.length === 2 && path[0] === MESSAGES;
const isReadMarker = (path: ContentPath) => path.length === 2 && path[0] === READS;
/** `authorId` of a nested item (a note, goal or comment), not a root map's key. */
const isAuthorField = (path: ContentPath) => path.length >= 3 && path.at(-1) === 'authorId';
/** A comment itself: an element of some note's `comments` array. */
const isComment = (path: ContentPath) => path.at(-2) === 'comments' && path.at(-1) === null;
const isCommentField = (path: ContentPath) => {
	const field = path.at(-1);
	return (
		path.at(-3) === 'comments' &&
		path.at(-2) === null &&
		typeof field === 'string' &&
		!RESOLUTION_FIELDS.has(field)
	);
};
