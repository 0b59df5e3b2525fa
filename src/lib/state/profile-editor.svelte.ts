import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../docs/actor';
import * as coachDoc from '../docs/coach-doc';
import { refused, type WriteResult } from '../docs/result';
import {
	MAX_GREETING_LENGTH,
	type CoachProfile,
	type Greeting,
	type ProfileLink
} from '../domain/coach-profile';
import type { Outbox } from '../local/outbox';
import { OutboxState } from './outbox-state.svelte';
import type { HttpPayload } from './clients-outbox.svelte';
import { PROFILE_DEDUPE_KEY, PROFILE_PUBLISH_KIND } from './profile-outbox';

export interface ProfileDraft {
	name: string;
	bio: string;
	photo: string | null;
	links: ProfileLink[];
	greeting: string;
}

/** What `PUT /api/profile` accepts (the document itself allows more). */
export const MAX_PUBLIC_LINKS = 5;

export type PublishState =
	| { kind: 'published' }
	| { kind: 'waiting' }
	| { kind: 'failed'; message: string; entryId: string };

/**
 * The coach's profile and greeting: saved in the `coach:` document (works offline, syncs to the
 * coach's other devices), then published for clients through the outbox.
 *
 * ```ts
 * const editor = new ProfileEditor({ doc: handle.doc, userId, outbox: profileOutbox(userId) });
 * editor.save(draft); // { ok: false, message } when the input is refused
 * editor.publishState.kind; // 'published' | 'waiting' | 'failed'
 * ```
 */
export class ProfileEditor {
	#doc: Y.Doc;
	#actor: Actor;
	#outbox: Outbox;
	#queue: OutboxState;
	#subscribe: () => void;

	constructor(options: { doc: Y.Doc; userId: string; outbox: Outbox }) {
		this.#doc = options.doc;
		this.#actor = createActor({ userId: options.userId });
		this.#outbox = options.outbox;
		this.#queue = new OutboxState(options.outbox);
		this.#subscribe = createSubscriber((update) => coachDoc.onChange(options.doc, update));
	}

	get profile(): CoachProfile | null {
		this.#subscribe();
		return coachDoc.readProfile(this.#doc);
	}

	get greeting(): Greeting | null {
		this.#subscribe();
		return coachDoc.readGreeting(this.#doc);
	}

	get publishState(): PublishState {
		const mine = (entry: { kind: string }) => entry.kind === PROFILE_PUBLISH_KIND;
		const failed = this.#queue.failed.findLast(mine);
		if (this.#queue.pending.some(mine)) {
			return { kind: 'waiting' };
		}
		return failed
			? { kind: 'failed', message: failed.error ?? 'The server refused it.', entryId: failed.id }
			: { kind: 'published' };
	}

	/** Writes profile and greeting in one transaction, then queues publishing them. */
	save(draft: ProfileDraft): WriteResult {
		// Checked up front: Yjs has no rollback, so a refused greeting must not follow a saved profile.
		if (draft.greeting.length > MAX_GREETING_LENGTH) {
			return refused('invalid-input', `Keep the greeting under ${MAX_GREETING_LENGTH} characters.`);
		}
		if (draft.links.length > MAX_PUBLIC_LINKS) {
			return refused('invalid-input', `Add at most ${MAX_PUBLIC_LINKS} links.`);
		}
		const result = this.#doc.transact(() => {
			const profile = coachDoc.setProfile(this.#doc, this.#actor, draft);
			return profile.ok
				? coachDoc.setGreeting(this.#doc, this.#actor, { text: draft.greeting })
				: profile;
		}, this.#actor.origin);
		if (result.ok) {
			void this.publish();
		}
		return result;
	}

	/** Queues `PUT /api/profile` with what the document holds now. */
	async publish(): Promise<void> {
		const profile = coachDoc.readProfile(this.#doc);
		if (!profile) {
			return;
		}
		const payload: HttpPayload = {
			method: 'PUT',
			path: '/api/profile',
			body: {
				name: profile.name,
				bio: profile.bio,
				photo: profile.photo,
				links: profile.links,
				greeting: coachDoc.readGreeting(this.#doc)?.text ?? ''
			}
		};
		await this.#outbox.enqueue({
			kind: PROFILE_PUBLISH_KIND,
			payload,
			dedupeKey: PROFILE_DEDUPE_KEY
		});
	}

	/** A refused publish, tried again (after the coach changed what the server objected to). */
	retry(entryId: string): Promise<void> {
		return this.#queue.retry(entryId);
	}
}
