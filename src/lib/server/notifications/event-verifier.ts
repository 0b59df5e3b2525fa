import type * as Y from 'yjs';
import * as eng from '../../docs/engagement-doc';
import * as sub from '../../docs/subscription-doc';
import type { NotificationKind } from '../../domain/notification-kinds';
import { engagementDocs } from '../../sync/protocol';
import type { DocWriter } from '../doc-writer';

export interface ReportedEvent {
	engagementId: string;
	kind: NotificationKind;
	eventId: string;
	reporterId: string;
}

type Check = (doc: Y.Doc, id: string, reporterId: string) => boolean;

/** What each reportable kind must find, and in which document of the engagement. */
const CHECKS: Partial<Record<NotificationKind, { doc: 'shared' | 'subscription'; check: Check }>> =
	{
		message: {
			doc: 'shared',
			check: (doc, id, reporterId) =>
				eng.listMessages(doc).some((m) => m.id === id && m.authorId === reporterId)
		},
		'comment-added': {
			doc: 'shared',
			check: (doc, id, reporterId) =>
				eng
					.listNotes(doc)
					.some((note) => note.comments.some((c) => c.id === id && c.authorId === reporterId))
		},
		'note-shared': {
			doc: 'shared',
			check: (doc, id, reporterId) => eng.getNote(doc, id)?.authorId === reporterId
		},
		'goal-completed': {
			doc: 'shared',
			// id is "<goalId>:completed:<completedAt>": that completion, not an earlier one.
			check: (doc, id) => {
				const at = id.lastIndexOf(':completed:');
				const goal = at > 0 ? eng.getGoal(doc, id.slice(0, at)) : null;
				return goal !== null && String(goal.completedAt) === id.slice(at + ':completed:'.length);
			}
		},
		'session-recorded': {
			doc: 'subscription',
			// Only a first recording notifies; a correction appends an entry that `corrects` another.
			check: (doc, id, reporterId) =>
				sub
					.listLedger(doc)
					.some((e) => e.id === id && e.recordedBy === reporterId && e.corrects === null)
		}
	};

/** The part of an event id after its kind prefix ("message:abc" → "abc"), or null. */
function subjectOf(kind: NotificationKind, eventId: string): string | null {
	const prefix: Partial<Record<NotificationKind, string>> = {
		message: 'message:',
		'comment-added': 'comment:',
		'goal-completed': 'goal:',
		'session-recorded': 'session:'
	};
	if (kind === 'note-shared') {
		return eventId.startsWith('note:') && eventId.endsWith(':shared')
			? eventId.slice('note:'.length, -':shared'.length)
			: null;
	}
	const p = prefix[kind];
	return p && eventId.startsWith(p) ? eventId.slice(p.length) : null;
}

export interface EventVerifierOptions {
	docs: Pick<DocWriter, 'withDoc'>;
	/**
	 * How long to keep looking for an event that is not (yet) in the document: the browser sends
	 * the change over its websocket and reports it over HTTP at the same time, so the report may
	 * arrive first. Looked for again after 50 ms, then doubling, until this much has passed.
	 */
	waitMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * Checks a reported event against the document it claims happened in (through the sync server's
 * in-process `withDoc`, whose callback here only reads, so nothing is written): the message,
 * comment, shared note or ledger entry must exist and be the reporter's own; a goal must be
 * completed at the reported time. A made-up event is never found, so nothing is notified.
 */
export class EventVerifier {
	#o: Required<EventVerifierOptions>;

	constructor(options: EventVerifierOptions) {
		this.#o = {
			waitMs: 5_000,
			sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
			...options
		};
	}

	async exists(event: ReportedEvent): Promise<boolean> {
		const rule = CHECKS[event.kind];
		const subject = subjectOf(event.kind, event.eventId);
		if (!rule || !subject) {
			return false;
		}
		const name = engagementDocs(event.engagementId)[rule.doc];
		const found = () =>
			this.#o.docs.withDoc(name, (doc) => rule.check(doc, subject, event.reporterId));
		let waited = 0;
		for (let pause = 50; ; pause *= 2) {
			if (await found()) {
				return true;
			}
			if (waited >= this.#o.waitMs) {
				return false;
			}
			const step = Math.min(pause, this.#o.waitMs - waited);
			await this.#o.sleep(step);
			waited += step;
		}
	}
}
