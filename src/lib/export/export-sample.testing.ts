/*
 * A small practice (a coach, two clients) with a bit of everything, built through the typed
 * schema modules: for the export builder's tests, the import round trip and the bench.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { createActor, type Actor } from '../docs/actor';
import * as coachDoc from '../docs/coach-doc';
import * as eng from '../docs/engagement-doc';
import * as sub from '../docs/subscription-doc';
import { noteSchema } from '../editor/schema';
import type { EngagementStates, ExportEngagement, ExportUser } from './format';
import type { ExportInput } from './build-export';

export const SAMPLE_TIME = Date.UTC(2026, 2, 1, 9);
export const PRIVATE_SECRET = 'Private: suspects burnout';

function actor(userId: string): Actor {
	let n = 0;
	let now = SAMPLE_TIME;
	return createActor({ userId, newId: () => `${userId}-${++n}`, now: () => (now += 60_000) });
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

/** A rich note body the way the editor writes it (headings, marks, a list, a link). */
export const RICH_BODY = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Plan' }] },
		{
			type: 'paragraph',
			content: [
				{ type: 'text', text: 'Walk ' },
				{ type: 'text', text: 'daily', marks: [{ type: 'bold' }] },
				{ type: 'text', text: ', see ' },
				{
					type: 'text',
					text: 'guide',
					marks: [{ type: 'link', attrs: { href: 'https://ex.com/g' } }]
				}
			]
		},
		{
			type: 'bullet_list',
			content: [
				{
					type: 'list_item',
					content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sleep' }] }]
				},
				{
					type: 'list_item',
					content: [
						{
							type: 'paragraph',
							content: [{ type: 'text', text: 'Water', marks: [{ type: 'italic' }] }]
						}
					]
				}
			]
		}
	]
};

function sharedDoc(coach: Actor, client: Actor, messages: readonly string[]): Y.Doc {
	const doc = new Y.Doc();
	eng.migrate(doc);
	messages.forEach((text, i) => must(eng.sendMessage(doc, i % 2 ? client : coach, { text })));
	const noteId = must(eng.createNote(doc, coach, { title: 'Week 1, plan' }));
	const body = eng.noteBody(doc, noteId);
	doc.transact(() => {
		body?.delete(0, body.length);
		prosemirrorJSONToYXmlFragment(noteSchema, RICH_BODY, body ?? undefined);
	}, coach.origin);
	must(eng.addComment(doc, client, { noteId, text: 'Sounds good, "mostly"' }));
	must(eng.createGoal(doc, client, { title: 'Run 5k', dueDate: '2026-06-01' }));
	return doc;
}

function subscriptionDoc(coach: Actor): Y.Doc {
	const doc = new Y.Doc();
	sub.migrate(doc);
	const startedAt = SAMPLE_TIME + 86_400_000;
	must(
		sub.recordSession(doc, coach, {
			kind: 'video',
			startedAt,
			endedAt: startedAt + 45 * 60_000,
			outcome: 'completed',
			note: 'Talked about sleep, stress,\nand "rest days"'
		})
	);
	must(
		sub.recordSession(doc, coach, {
			kind: 'phone',
			startedAt: startedAt + 7 * 86_400_000,
			outcome: 'no-show'
		})
	);
	return doc;
}

export interface SamplePractice {
	readonly coach: ExportUser;
	readonly clients: readonly ExportUser[];
	readonly engagements: readonly ExportEngagement[];
	readonly states: Map<string, EngagementStates>;
	readonly coachState: Uint8Array;
}

/** Two active engagements (Ada, Grace) with chat, a rich shared note, goals, sessions, private notes. */
export function samplePractice(): SamplePractice {
	const coach: ExportUser = {
		id: 'u-coach',
		name: 'Cora Coach',
		email: 'cora@example.com',
		role: 'coach'
	};
	const clients: ExportUser[] = [
		{ id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com', role: 'client' },
		{ id: 'u-grace', name: 'Grace Hopper', email: 'grace@example.com', role: 'client' }
	];
	const coachActor = actor(coach.id);
	const states = new Map<string, EngagementStates>();
	const home = new Y.Doc();
	coachDoc.migrate(home);
	const engagements = clients.map((client, i): ExportEngagement => {
		const id = `eng${i + 1}-0000-4000`;
		const messages = [
			'Hello, welcome!',
			'Hi, *glad* to start.\n\nSecond paragraph',
			'# not a heading'
		];
		const shared = sharedDoc(coachActor, actor(client.id), messages);
		states.set(id, {
			shared: Y.encodeStateAsUpdate(shared),
			subscription: Y.encodeStateAsUpdate(subscriptionDoc(coachActor))
		});
		must(
			coachDoc.createPrivateNote(home, coachActor, {
				engagementId: id,
				title: 'Intake',
				text: `${PRIVATE_SECRET} (${client.name})`
			})
		);
		return {
			id,
			status: 'active',
			coach: { id: coach.id, name: coach.name },
			client: { id: client.id, name: client.name, email: client.email }
		};
	});
	return { coach, clients, engagements, states, coachState: Y.encodeStateAsUpdate(home) };
}

/** The input for one person's export of the sample: the coach's, or one client's. */
export function sampleInput(practice: SamplePractice, who: ExportUser): ExportInput {
	const engagements = practice.engagements.filter(
		(e) => who.role === 'coach' || e.client.id === who.id
	);
	return {
		user: who,
		exportedAt: new Date(SAMPLE_TIME + 30 * 86_400_000).toISOString(),
		engagements,
		states: practice.states,
		coachState: practice.coachState
	};
}
