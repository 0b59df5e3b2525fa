import * as Y from 'yjs';
import { MAX_COMMENT_LENGTH, textProblem, type NoteComment } from '../domain/engagement';
import { write, type Actor } from './actor';
import { bool, childArray, mapFields, num, numOrNull, text, textOrNull } from './fields';
import { done, refused, type WriteResult } from './result';

/*
 * A note's `comments` is a Y.Array of comment Y.Maps. Maps rather than plain objects because a
 * comment changes after it is written (resolved): replacing a plain object means delete + insert,
 * and two replicas doing that concurrently would leave two copies with the same id.
 */

function commentMaps(note: Y.Map<unknown>): Y.Map<unknown>[] {
	const comments = childArray(note, 'comments');
	return comments ? (comments.toArray().filter((c) => c instanceof Y.Map) as Y.Map<unknown>[]) : [];
}

function toComment(map: Y.Map<unknown>): NoteComment {
	const fields = mapFields(map);
	return Object.freeze({
		id: text(fields, 'id'),
		authorId: text(fields, 'authorId'),
		text: text(fields, 'text'),
		createdAt: num(fields, 'createdAt'),
		parentId: textOrNull(fields, 'parentId'),
		resolved: bool(fields, 'resolved'),
		resolvedBy: textOrNull(fields, 'resolvedBy'),
		resolvedAt: numOrNull(fields, 'resolvedAt')
	});
}

export function readComments(note: Y.Map<unknown>): readonly NoteComment[] {
	return Object.freeze(commentMaps(note).map(toComment));
}

function findComment(note: Y.Map<unknown>, id: string): Y.Map<unknown> | null {
	return commentMaps(note).find((map) => map.get('id') === id) ?? null;
}

/** Replies always point at the thread's first comment, so threads stay one level deep. */
export function addCommentTo(
	options: { doc: Y.Doc; note: Y.Map<unknown> | null; actor: Actor },
	input: { text: string; parentId?: string | null }
): WriteResult<string> {
	const { doc, note, actor } = options;
	const problem = textProblem(input.text, 'The comment', MAX_COMMENT_LENGTH);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const comments = note && childArray(note, 'comments');
	if (!note || !comments) {
		return refused('not-found', 'That note no longer exists.');
	}
	let parentId: string | null = null;
	if (input.parentId) {
		const parent = findComment(note, input.parentId);
		if (!parent) {
			return refused('not-found', 'That comment no longer exists.');
		}
		parentId = textOrNull(mapFields(parent), 'parentId') ?? input.parentId;
	}
	const id = actor.newId();
	write(doc, actor, () => {
		const comment = new Y.Map<unknown>();
		comments.push([comment]);
		comment.set('id', id);
		comment.set('authorId', actor.userId);
		comment.set('text', input.text.trim());
		comment.set('createdAt', actor.now());
		comment.set('parentId', parentId);
		comment.set('resolved', false);
		comment.set('resolvedBy', null);
		comment.set('resolvedAt', null);
	});
	return done(id);
}

/** Resolving (or reopening) a reply acts on its thread's first comment. */
export function setCommentResolved(
	options: { doc: Y.Doc; note: Y.Map<unknown> | null; actor: Actor },
	input: { commentId: string; resolved: boolean }
): WriteResult {
	const { doc, note, actor } = options;
	const comment = note && findComment(note, input.commentId);
	if (!note || !comment) {
		return refused('not-found', 'That comment no longer exists.');
	}
	const parentId = textOrNull(mapFields(comment), 'parentId');
	const root = parentId ? findComment(note, parentId) : comment;
	if (!root) {
		return refused('not-found', 'That thread no longer exists.');
	}
	write(doc, actor, () => {
		root.set('resolved', input.resolved);
		root.set('resolvedBy', input.resolved ? actor.userId : null);
		root.set('resolvedAt', input.resolved ? actor.now() : null);
	});
	return done(null);
}
