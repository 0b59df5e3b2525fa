import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../../docs/actor';
import * as eng from '../../docs/engagement-doc';
import { recentMessageStructIds, type StructId } from '../../docs/message-origins';
import type { WriteResult } from '../../docs/result';
import type { Goal, Message } from '../../domain/engagement';
import { sameActor } from '../../domain/identity';
import { eventIds, type NotificationKind } from '../../domain/notification-kinds';

/** How many of the user's latest messages are checked for a pending mark. */
const PENDING_WINDOW = 50;

/** Whether the server holds a change this device made (the doc registry answers). */
export interface Confirmations {
	isConfirmed(docName: string, client: number, clock: number): boolean | null;
	/** Fires when answers may have changed; returns the unsubscribe function. */
	on(event: 'change', fn: () => void): () => void;
}

export interface EngagementViewOptions {
	docName: string;
	confirmations: Confirmations;
	/** Reports a change this user made here (see state/notifications/report-event.ts). */
	report: (kind: NotificationKind, eventId: string) => void;
	/**
	 * This user's ids from before an import (the engagement list's `formerIds`): messages and
	 * read markers under them are the user's own (domain/identity.ts).
	 */
	formerIds?: readonly string[];
}

/**
 * The UI's view of one `eng:` document: reactive reads (recomputed only after the document
 * changed, so a 10,000-message chat is not re-read on every render) and the verbs the UI uses.
 *
 * ```ts
 * const view = new EngagementView(handle.doc, user.id, {
 *   docName: handle.name,
 *   confirmations: registry,
 *   report: eventReporter(workspace, { engagementId, role: user.role })
 * });
 * view.messages; // reactive in templates and $derived
 * view.send('Hello'); // also reports a 'message' event for the other side's notification
 * ```
 */
export class EngagementView {
	#doc: Y.Doc;
	#actor: Actor;
	#subscribe: () => void;
	#subscribeConfirmations: () => void;
	#options: EngagementViewOptions | null;
	#version = 0;
	// A memo, deliberately not reactive: reactivity comes from #subscribe and the version counter.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cache = new Map<string, { version: number; value: unknown }>();

	constructor(doc: Y.Doc, userId: string, options: EngagementViewOptions | null = null) {
		this.#doc = doc;
		this.#actor = createActor({ userId });
		this.#options = options;
		this.#subscribe = createSubscriber((update) =>
			eng.onChange(doc, () => {
				this.#version += 1;
				update();
			})
		);
		this.#subscribeConfirmations = createSubscriber((update) =>
			options ? options.confirmations.on('change', update) : undefined
		);
	}

	get userId(): string {
		return this.#actor.userId;
	}

	/** Whether a message or goal author is this user (their current or a former id). */
	isMine(authorId: string): boolean {
		return sameActor([this.#actor.userId, ...(this.#options?.formerIds ?? [])], authorId);
	}

	get messages(): readonly Message[] {
		return this.#read('messages', () => eng.listMessages(this.#doc));
	}

	get goals(): readonly Goal[] {
		return this.#read('goals', () => eng.listGoals(this.#doc));
	}

	get unread(): number {
		const formerIds = this.#options?.formerIds ?? [];
		return this.#read('unread', () => eng.unreadCount(this.#doc, this.#actor.userId, formerIds));
	}

	/**
	 * Ids of this user's recent messages the server does not hold yet (sent offline, or still
	 * on their way): the chat marks them "Sending…".
	 */
	get pendingMessageIds(): readonly string[] {
		const options = this.#options;
		if (!options) {
			return [];
		}
		const structs = this.#read('structs', () =>
			recentMessageStructIds(this.#doc, { authorId: this.userId, count: PENDING_WINDOW })
		);
		this.#subscribeConfirmations();
		const isPending = ({ client, clock }: StructId) =>
			options.confirmations.isConfirmed(options.docName, client, clock) === false;
		return [...structs].filter(([, struct]) => isPending(struct)).map(([id]) => id);
	}

	send(text: string): WriteResult<string> {
		const sent = eng.sendMessage(this.#doc, this.#actor, { text });
		if (sent.ok) {
			this.#options?.report('message', eventIds.message(sent.value));
		}
		return sent;
	}

	/** Moves this user's read marker to the last message, when it is not there yet. */
	markAllRead(): void {
		const last = this.messages.at(-1);
		if (last && this.unread > 0) {
			eng.markRead(this.#doc, this.#actor, { messageId: last.id });
		}
	}

	addGoal(input: {
		title: string;
		description?: string;
		dueDate?: string | null;
	}): WriteResult<string> {
		return eng.createGoal(this.#doc, this.#actor, input);
	}

	setGoalDone(goalId: string, done: boolean): WriteResult {
		if (!done) {
			return eng.reopenGoal(this.#doc, this.#actor, { goalId });
		}
		const completed = eng.completeGoal(this.#doc, this.#actor, { goalId });
		const completedAt = eng.getGoal(this.#doc, goalId)?.completedAt;
		if (completed.ok && completedAt) {
			// Completing, reopening and completing again is a second event: completedAt differs.
			this.#options?.report('goal-completed', eventIds.goalCompleted(goalId, completedAt));
		}
		return completed;
	}

	#read<T>(key: string, compute: () => T): T {
		this.#subscribe();
		const cached = this.#cache.get(key);
		if (cached && cached.version === this.#version) {
			return cached.value as T;
		}
		const value = compute();
		this.#cache.set(key, { version: this.#version, value });
		return value;
	}
}
