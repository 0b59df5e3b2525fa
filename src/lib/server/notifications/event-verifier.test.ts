import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createActor } from '../../docs/actor';
import * as eng from '../../docs/engagement-doc';
import * as sub from '../../docs/subscription-doc';
import { eventIds } from '../../domain/notification-kinds';
import { MemoryDocWriter } from '../doc-writer.testing';
import { EventVerifier, type ReportedEvent } from './event-verifier';

const ENG = 'e1';
const coach = createActor({ userId: 'coach', newId: () => 'c-id', now: () => 10 });
const client = createActor({ userId: 'client', newId: () => 'k-id', now: () => 20 });

function setup() {
	const docs = new MemoryDocWriter();
	const verifier = new EventVerifier({ docs, waitMs: 0 });
	const inEng = (fn: (doc: Y.Doc) => unknown) => docs.withDoc(`eng:${ENG}`, fn);
	const exists = (event: Omit<ReportedEvent, 'engagementId'>) =>
		verifier.exists({ engagementId: ENG, ...event });
	return { docs, inEng, exists };
}

describe('EventVerifier', () => {
	it("finds a message only as its author's, and never a made-up one", async () => {
		const { inEng, exists } = setup();
		await inEng((doc) => eng.sendMessage(doc, client, { text: 'Hi' }));
		const eventId = eventIds.message('k-id');
		expect(await exists({ kind: 'message', eventId, reporterId: 'client' })).toBe(true);
		// The coach cannot pass the client's message off as their own…
		expect(await exists({ kind: 'message', eventId, reporterId: 'coach' })).toBe(false);
		// …and 30 invented ids find nothing.
		for (let i = 0; i < 30; i += 1) {
			const made = { kind: 'message', eventId: `message:fake-${i}`, reporterId: 'client' } as const;
			expect(await exists(made)).toBe(false);
		}
	});

	it('a goal counts only at the completion time that was reported', async () => {
		const { inEng, exists } = setup();
		await inEng((doc) => {
			eng.createGoal(doc, client, { title: 'Run' });
			eng.completeGoal(doc, client, { goalId: 'k-id' });
		});
		const at = (t: number) => ({
			kind: 'goal-completed' as const,
			eventId: eventIds.goalCompleted('k-id', t),
			reporterId: 'client'
		});
		expect(await exists(at(20))).toBe(true);
		expect(await exists(at(21))).toBe(false);
		expect(await exists({ ...at(20), eventId: eventIds.goalCompleted('other', 20) })).toBe(false);
	});

	it('comments and shared notes must be the reporter’s own', async () => {
		const { inEng, exists } = setup();
		await inEng((doc) => {
			eng.createNote(doc, coach, { title: 'Plan' });
			eng.addComment(doc, client, { noteId: 'c-id', text: 'Nice' });
		});
		const shared = { kind: 'note-shared', eventId: eventIds.noteShared('c-id') } as const;
		const comment = { kind: 'comment-added', eventId: eventIds.comment('k-id') } as const;
		expect(await exists({ ...shared, reporterId: 'coach' })).toBe(true);
		expect(await exists({ ...shared, reporterId: 'client' })).toBe(false);
		expect(await exists({ ...comment, reporterId: 'client' })).toBe(true);
		expect(await exists({ ...comment, reporterId: 'coach' })).toBe(false);
		expect(await exists({ ...shared, eventId: 'note:c-id:other', reporterId: 'coach' })).toBe(
			false
		);
	});

	it('a recorded session is found in sub:, a correction of it is not a new one', async () => {
		const { docs, exists } = setup();
		let n = 0;
		const recorder = createActor({ userId: 'coach', newId: () => `s${(n += 1)}` });
		await docs.withDoc(`sub:${ENG}`, (doc) => {
			sub.recordSession(doc, recorder, { kind: 'video', startedAt: 1, outcome: 'completed' });
			sub.correctSession(doc, recorder, { sessionId: 's1', outcome: 'no-show' });
		});
		const session = (id: string) => ({
			kind: 'session-recorded' as const,
			eventId: eventIds.session(id),
			reporterId: 'coach'
		});
		expect(await exists(session('s1'))).toBe(true);
		expect(await exists(session('s2'))).toBe(false);
		expect(await exists({ ...session('s1'), reporterId: 'client' })).toBe(false);
	});

	it('kinds nobody reports, or ids of the wrong shape, are never found', async () => {
		const { inEng, exists } = setup();
		await inEng((doc) => eng.sendMessage(doc, client, { text: 'Hi' }));
		expect(await exists({ kind: 'invite-accepted', eventId: 'k-id', reporterId: 'client' })).toBe(
			false
		);
		expect(await exists({ kind: 'message', eventId: 'k-id', reporterId: 'client' })).toBe(false);
	});

	it('waits for a change that reaches the document after its report', async () => {
		const docs = new MemoryDocWriter();
		const pauses: number[] = [];
		const verifier = new EventVerifier({
			docs,
			waitMs: 1_000,
			// The websocket update lands while the report waits (its second pause).
			sleep: async (ms) => {
				pauses.push(ms);
				if (pauses.length === 2) {
					await docs.withDoc(`eng:${ENG}`, (doc) => eng.sendMessage(doc, client, { text: 'Hi' }));
				}
			}
		});
		const event = {
			engagementId: ENG,
			kind: 'message',
			eventId: eventIds.message('k-id'),
			reporterId: 'client'
		} as const;
		expect(await verifier.exists(event)).toBe(true);
		expect(pauses).toEqual([50, 100]);
		// Never found: gives up once waitMs has passed.
		pauses.length = 0;
		expect(await verifier.exists({ ...event, eventId: 'message:never' })).toBe(false);
		expect(pauses.reduce((a, b) => a + b, 0)).toBe(1_000);
	});
});
