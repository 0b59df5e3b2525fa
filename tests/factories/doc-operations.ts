/**
 * Random operations through the typed schema verbs, for the convergence fuzz test. Each picks
 * its target from what the replica currently sees, as a user of that device would.
 */
import type * as Y from 'yjs';
import type { Actor } from '../../src/lib/docs/actor';
import * as coachDoc from '../../src/lib/docs/coach-doc';
import * as eng from '../../src/lib/docs/engagement-doc';
import * as sub from '../../src/lib/docs/subscription-doc';
import { SESSION_KINDS, SESSION_OUTCOMES } from '../../src/lib/domain/sessions';
import type { Rng } from '../helpers/yjs-harness';

// Multi-byte and surrogate-pair text on purpose: Yjs offsets count UTF-16 code units.
const WORDS = ['plan', 'run', 'sleep', 'café', 'naïve', '😀', 'ok', 'week 3', 'déjà vu', '→'];

function words(rng: Rng, max = 4): string {
	return Array.from({ length: 1 + rng.int(max) }, () => rng.pick(WORDS)).join(' ');
}

function pickId<T extends { id: string }>(rng: Rng, items: readonly T[]): string {
	// Sometimes a stale id, as when the item was deleted on another replica.
	return items.length === 0 || rng.chance(0.05) ? 'gone' : rng.pick(items).id;
}

function randomBodyEdit(rng: Rng): eng.BodyEdit {
	const paragraph = rng.int(4);
	const offset = rng.int(12);
	switch (rng.int(6)) {
		case 0:
			return { op: 'insert-paragraph', index: paragraph, text: words(rng) };
		case 1:
			return { op: 'delete-text', paragraph, offset, length: 1 + rng.int(6) };
		case 2:
			return {
				op: 'format',
				paragraph,
				offset,
				length: 1 + rng.int(6),
				mark: rng.pick(['bold', 'italic'] as const)
			};
		case 3:
			return rng.chance(0.3)
				? { op: 'remove-paragraph', index: paragraph }
				: { op: 'replace', text: words(rng, 8) };
		default:
			return { op: 'insert-text', paragraph, offset, text: words(rng, 2) };
	}
}

type Op = (doc: Y.Doc, actor: Actor, rng: Rng) => string;

const engagementOps: readonly [number, Op][] = [
	[5, (doc, actor, rng) => `sendMessage ${eng.sendMessage(doc, actor, { text: words(rng) }).ok}`],
	[
		2,
		(doc, actor, rng) =>
			`markRead ${eng.markRead(doc, actor, { messageId: pickId(rng, eng.listMessages(doc)) }).ok}`
	],
	[
		3,
		(doc, actor, rng) =>
			`createNote ${eng.createNote(doc, actor, { title: words(rng, 2), text: words(rng, 6) }).ok}`
	],
	[
		2,
		(doc, actor, rng) =>
			`renameNote ${eng.renameNote(doc, actor, { noteId: pickId(rng, eng.listNotes(doc)), title: words(rng, 2) }).ok}`
	],
	[
		8,
		(doc, actor, rng) => {
			const edit = randomBodyEdit(rng);
			return `editNoteBody ${edit.op} ${eng.editNoteBody(doc, actor, { noteId: pickId(rng, eng.listNotes(doc)), edit }).ok}`;
		}
	],
	[
		1,
		(doc, actor, rng) =>
			`trashNote ${eng.trashNote(doc, actor, { noteId: pickId(rng, eng.listNotes(doc)) }).ok}`
	],
	[
		1,
		(doc, actor, rng) =>
			`restoreNote ${eng.restoreNote(doc, actor, { noteId: pickId(rng, eng.listTrash(doc)) }).ok}`
	],
	[
		4,
		(doc, actor, rng) => {
			const notes = eng.listNotes(doc);
			const noteId = pickId(rng, notes);
			const comments = notes.find((n) => n.id === noteId)?.comments ?? [];
			const parentId = comments.length > 0 && rng.chance(0.5) ? rng.pick(comments).id : null;
			return `addComment ${eng.addComment(doc, actor, { noteId, text: words(rng), parentId }).ok}`;
		}
	],
	[
		2,
		(doc, actor, rng) => {
			const notes = eng.listNotes(doc).filter((n) => n.comments.length > 0);
			if (notes.length === 0) {
				return 'resolveComment skipped';
			}
			const note = rng.pick(notes);
			const input = { noteId: note.id, commentId: rng.pick(note.comments).id };
			const verb = rng.chance(0.7) ? eng.resolveComment : eng.reopenComment;
			return `resolve/reopen ${verb(doc, actor, input).ok}`;
		}
	],
	[
		3,
		(doc, actor, rng) => {
			const dueDate = rng.chance(0.5) ? `2026-0${1 + rng.int(9)}-1${rng.int(10)}` : null;
			return `createGoal ${eng.createGoal(doc, actor, { title: words(rng, 2), dueDate }).ok}`;
		}
	],
	[
		2,
		(doc, actor, rng) =>
			`editGoal ${eng.editGoal(doc, actor, { goalId: pickId(rng, eng.listGoals(doc)), description: words(rng) }).ok}`
	],
	[
		3,
		(doc, actor, rng) => {
			const goalId = pickId(rng, eng.listGoals(doc));
			const verb = rng.chance(0.6) ? eng.completeGoal : eng.reopenGoal;
			return `complete/reopen ${verb(doc, actor, { goalId }).ok}`;
		}
	]
];

const subscriptionOps: readonly [number, Op][] = [
	[
		1,
		(doc, actor, rng) => {
			const result = sub.setPackage(doc, actor, {
				name: words(rng, 2),
				sessionsTotal: rng.int(8),
				sessionMinutes: 30 + rng.int(60),
				priceCents: rng.int(100_000),
				currency: rng.pick(['EUR', 'USD']),
				noShowConsumesSession: rng.chance(0.5)
			});
			return `setPackage ${result.ok}`;
		}
	],
	[
		4,
		(doc, actor, rng) => {
			const startedAt = Date.UTC(2026, 0, 1) + rng.int(90) * 86_400_000;
			const result = sub.recordSession(doc, actor, {
				kind: rng.pick(SESSION_KINDS),
				startedAt,
				endedAt: rng.chance(0.8) ? startedAt + 3_000_000 : null,
				outcome: rng.pick(SESSION_OUTCOMES)
			});
			return `recordSession ${result.ok}`;
		}
	],
	[
		3,
		(doc, actor, rng) => {
			const ledger = sub.listLedger(doc);
			const result = sub.correctSession(doc, actor, {
				sessionId: pickId(rng, ledger),
				outcome: rng.pick(SESSION_OUTCOMES)
			});
			return `correctSession ${result.ok}`;
		}
	]
];

const ENGAGEMENTS = ['e1', 'e2'];

const coachOps: readonly [number, Op][] = [
	[
		3,
		(doc, actor, rng) => {
			const input = { engagementId: rng.pick(ENGAGEMENTS), title: words(rng, 2), text: words(rng) };
			return `createPrivateNote ${coachDoc.createPrivateNote(doc, actor, input).ok}`;
		}
	],
	[
		4,
		(doc, actor, rng) => {
			const engagementId = rng.pick(ENGAGEMENTS);
			const noteId = pickId(rng, coachDoc.listPrivateNotes(doc, engagementId));
			const input = { engagementId, noteId, title: words(rng, 2), text: words(rng, 6) };
			return `setPrivateNote ${coachDoc.setPrivateNote(doc, actor, input).ok}`;
		}
	],
	[
		4,
		(doc, actor, rng) => {
			const noteId = pickId(rng, coachDoc.listPrivateNotes(doc, rng.pick(ENGAGEMENTS)));
			const edit = randomBodyEdit(rng);
			return `editPrivateNoteBody ${coachDoc.editPrivateNoteBody(doc, actor, { noteId, edit }).ok}`;
		}
	],
	[
		1,
		(doc, actor, rng) => {
			const noteId = pickId(rng, coachDoc.listPrivateNotes(doc, rng.pick(ENGAGEMENTS)));
			return `deletePrivateNote ${coachDoc.deletePrivateNote(doc, actor, { noteId }).ok}`;
		}
	],
	[
		1,
		(doc, actor, rng) => `setGreeting ${coachDoc.setGreeting(doc, actor, { text: words(rng) }).ok}`
	],
	[
		1,
		(doc, actor, rng) => {
			const links = rng.chance(0.5) ? [{ label: words(rng, 1), url: 'https://coach.example' }] : [];
			const input = { name: words(rng, 2), bio: words(rng), links, photo: null };
			return `setProfile ${coachDoc.setProfile(doc, actor, input).ok}`;
		}
	]
];

function weighted(rng: Rng, ops: readonly [number, Op][]): Op {
	let roll = rng.int(ops.reduce((sum, [weight]) => sum + weight, 0));
	for (const [weight, op] of ops) {
		if (roll < weight) {
			return op;
		}
		roll -= weight;
	}
	throw new Error('unreachable');
}

export function randomEngagementOp(doc: Y.Doc, actor: Actor, rng: Rng): string {
	return weighted(rng, engagementOps)(doc, actor, rng);
}

export function randomSubscriptionOp(doc: Y.Doc, actor: Actor, rng: Rng): string {
	return weighted(rng, subscriptionOps)(doc, actor, rng);
}

export function randomCoachOp(doc: Y.Doc, actor: Actor, rng: Rng): string {
	return weighted(rng, coachOps)(doc, actor, rng);
}
