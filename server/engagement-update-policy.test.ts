import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as eng from '../src/lib/docs/engagement-doc';
import { messagesArray, readsMap } from '../src/lib/docs/engagement-schema';
import { buildActor } from '../tests/factories/actors';
import { DocState } from '../sync-server/src/doc-state';
import { Refusal } from '../sync-server/src/refusal';
import { StructIndex } from '../sync-server/src/update-inspection';
import { EngagementUpdatePolicy, type ClientOwners } from './engagement-update-policy';

const DOC = 'eng:e1';

function memoryOwners(): ClientOwners {
	const owners = new Map<number, string>();
	return {
		ownerOf: (_doc, client) => owners.get(client) ?? null,
		claim: (_doc, client, user) => void owners.set(client, user)
	};
}

/**
 * The server's side exactly as a Room runs it (DocState + StructIndex + policy), and one
 * replica per person that exchanges updates through it.
 */
function setup() {
	const state = new DocState([]);
	const index = new StructIndex(state.snapshot());
	state.onAccepted = (structs, ds) => index.add(structs, ds);
	const policy = new EngagementUpdatePolicy(memoryOwners());

	/** Sends what `replica` has that the server lacks; returns the refusal reason, if any. */
	function send(replica: Y.Doc, userId: string): string | null {
		const update = Y.encodeStateAsUpdate(replica, state.stateVector());
		try {
			state.accept(update, 'pending', {
				check: (structs, ds) => {
					const reason = policy.check(index.inspect(DOC, structs, ds), { userId });
					if (reason) {
						throw new Refusal(4433, reason);
					}
				}
			});
			state.takePending();
			return null;
		} catch (error) {
			if (error instanceof Refusal) {
				return error.reason;
			}
			throw error;
		}
	}

	function replica(): Y.Doc {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state.snapshot());
		eng.migrate(doc);
		return doc;
	}
	return { send, replica, state };
}

const coach = buildActor('coach');
const client = buildActor('client');

function messageIds(state: DocState): string[] {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state.snapshot());
	return eng.listMessages(doc).map((m) => m.id);
}

describe('EngagementUpdatePolicy', () => {
	it('passes the ordinary work of both people: chat, read markers, notes, comments, goals', () => {
		const { send, replica } = setup();
		const coachDoc = replica();
		eng.sendMessage(coachDoc, coach, { text: 'Hello' });
		expect(send(coachDoc, 'coach')).toBeNull();

		const clientDoc = replica();
		const [hello] = eng.listMessages(clientDoc);
		eng.markRead(clientDoc, client, { messageId: hello!.id });
		eng.sendMessage(clientDoc, client, { text: 'Hi coach' });
		const noteId = eng.createNote(clientDoc, client, { title: 'Plan', text: 'Step one' });
		const goalId = eng.createGoal(clientDoc, client, { title: 'Run 5k' });
		expect(send(clientDoc, 'client')).toBeNull();

		const coachAgain = replica();
		const note = noteId.ok ? noteId.value : '';
		const goal = goalId.ok ? goalId.value : '';
		eng.setNoteText(coachAgain, coach, { noteId: note, text: 'Step one, then two' });
		eng.renameNote(coachAgain, coach, { noteId: note, title: 'Our plan' });
		const comment = eng.addComment(coachAgain, coach, { noteId: note, text: 'Nice' });
		eng.editGoal(coachAgain, coach, { goalId: goal, title: 'Run 10k' });
		eng.completeGoal(coachAgain, coach, { goalId: goal });
		expect(send(coachAgain, 'coach')).toBeNull();

		const clientAgain = replica();
		eng.resolveComment(clientAgain, client, {
			noteId: note,
			commentId: comment.ok ? comment.value : ''
		});
		eng.deleteGoal(clientAgain, client, { goalId: goal });
		// The note trash (one field on the note): its author trashes, either side restores.
		expect(eng.trashNote(clientAgain, client, { noteId: note }).ok).toBe(true);
		expect(send(clientAgain, 'client')).toBeNull();

		const coachLast = replica();
		expect(eng.restoreNote(coachLast, coach, { noteId: note }).ok).toBe(true);
		expect(send(coachLast, 'coach')).toBeNull();
	});

	it("refuses deleting the coach's message and keeps it", () => {
		const { send, replica, state } = setup();
		const coachDoc = replica();
		eng.sendMessage(coachDoc, coach, { text: 'Session notes are binding' });
		send(coachDoc, 'coach');
		const clientDoc = replica();
		messagesArray(clientDoc).delete(0, 1);
		expect(send(clientDoc, 'client')).toMatch(/deletes another person/);
		expect(messageIds(state)).toHaveLength(1);
	});

	it('lets a person delete their own message', () => {
		const { send, replica, state } = setup();
		const clientDoc = replica();
		eng.sendMessage(clientDoc, client, { text: 'oops' });
		send(clientDoc, 'client');
		const later = replica();
		messagesArray(later).delete(0, 1);
		expect(send(later, 'client')).toBeNull();
		expect(messageIds(state)).toHaveLength(0);
	});

	it("refuses a message with the coach's authorId", () => {
		const { send, replica, state } = setup();
		const clientDoc = replica();
		eng.sendMessage(clientDoc, coach, { text: 'I quit, no refunds' });
		expect(send(clientDoc, 'client')).toMatch(/as someone else/);
		expect(messageIds(state)).toHaveLength(0);
	});

	it("refuses moving the coach's read marker", () => {
		const { send, replica } = setup();
		const clientDoc = replica();
		eng.sendMessage(clientDoc, client, { text: 'Did you read this?' });
		send(clientDoc, 'client');
		const forged = replica();
		const [message] = eng.listMessages(forged);
		eng.markRead(forged, coach, { messageId: message!.id });
		expect(send(forged, 'client')).toMatch(/read marker/);
	});

	it('refuses rewriting the author of a note, and a comment by someone else', () => {
		const { send, replica } = setup();
		const coachDoc = replica();
		const created = eng.createNote(coachDoc, coach, { title: 'Coach note' });
		const noteId = created.ok ? created.value : '';
		const comment = eng.addComment(coachDoc, coach, { noteId, text: 'Mine' });
		send(coachDoc, 'coach');

		const stealer = replica();
		(stealer.getMap('notes').get(noteId) as Y.Map<unknown>).set('authorId', 'client');
		expect(send(stealer, 'client')).toMatch(/author/);

		const editor = replica();
		const comments = (editor.getMap('notes').get(noteId) as Y.Map<unknown>).get(
			'comments'
		) as Y.Array<Y.Map<unknown>>;
		const first = comments.get(0);
		expect(first.get('id')).toBe(comment.ok ? comment.value : '');
		first.set('text', 'Rewritten');
		expect(send(editor, 'client')).toMatch(/edits a comment/);
		const remover = replica();
		const list = (remover.getMap('notes').get(noteId) as Y.Map<unknown>).get(
			'comments'
		) as Y.Array<unknown>;
		list.delete(0, 1);
		expect(send(remover, 'client')).toMatch(/deletes a comment/);
	});

	it("refuses writing with the coach's Yjs client id", () => {
		const { send, replica } = setup();
		const coachDoc = replica();
		eng.sendMessage(coachDoc, coach, { text: 'first' });
		send(coachDoc, 'coach');
		const impostor = replica();
		impostor.clientID = coachDoc.clientID;
		readsMap(impostor).set('client', { messageId: 'x', sentAt: 0, readAt: 0 });
		expect(send(impostor, 'client')).toMatch(/client id/);
	});
});
