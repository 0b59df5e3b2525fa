import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../docs/actor';
import * as eng from '../docs/engagement-doc';
import type { WriteResult } from '../docs/result';
import type { Goal, Message } from '../domain/engagement';

/**
 * The UI's view of one `eng:` document: reactive reads (recomputed only after the document
 * changed, so a 10,000-message chat is not re-read on every render) and the verbs the UI uses.
 *
 * ```ts
 * const view = new EngagementView(handle.doc, user.id);
 * view.messages; // reactive in templates and $derived
 * view.send('Hello');
 * ```
 */
export class EngagementView {
	#doc: Y.Doc;
	#actor: Actor;
	#subscribe: () => void;
	#version = 0;
	// A memo, deliberately not reactive: reactivity comes from #subscribe and the version counter.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cache = new Map<string, { version: number; value: unknown }>();

	constructor(doc: Y.Doc, userId: string) {
		this.#doc = doc;
		this.#actor = createActor({ userId });
		this.#subscribe = createSubscriber((update) =>
			eng.onChange(doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	get userId(): string {
		return this.#actor.userId;
	}

	get messages(): readonly Message[] {
		return this.#read('messages', () => eng.listMessages(this.#doc));
	}

	get goals(): readonly Goal[] {
		return this.#read('goals', () => eng.listGoals(this.#doc));
	}

	get unread(): number {
		return this.#read('unread', () => eng.unreadCount(this.#doc, this.#actor.userId));
	}

	send(text: string): WriteResult<string> {
		return eng.sendMessage(this.#doc, this.#actor, { text });
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
		return done
			? eng.completeGoal(this.#doc, this.#actor, { goalId })
			: eng.reopenGoal(this.#doc, this.#actor, { goalId });
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
