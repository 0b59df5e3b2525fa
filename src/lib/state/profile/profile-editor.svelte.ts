import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../../docs/actor';
import * as coachDoc from '../../docs/coach-doc';
import { refused, type WriteResult } from '../../docs/result';
import {
	MAX_GREETING_LENGTH,
	type CoachProfile,
	type Greeting,
	type ProfileLink
} from '../../domain/coach-profile';
import type { ProfileInput } from '../../api/profile';
import { MAX_PUBLIC_LINKS } from '../../domain/profile-rules';
import type { HttpRequestPayload } from '../../local/outbox-http';
import type { OutboxState } from '../app/outbox-state.svelte';
import type { Workspace } from '../app/workspace-context';

/** Only the latest profile matters: a newer edit replaces a waiting one in the outbox. */
export const PROFILE_DEDUPE_KEY = 'profile';

export interface ProfileDraft {
	name: string;
	bio: string;
	photo: string | null;
	links: ProfileLink[];
	greeting: string;
}

// What `PUT /api/profile` accepts (the document itself allows more); the coach's profile page
// reads it from here.
export { MAX_PUBLIC_LINKS };

export type PublishState =
	| { kind: 'published' }
	| { kind: 'waiting' }
	| { kind: 'failed'; message: string; entryId: string };

/**
 * The coach's profile and greeting: saved in the `coach:` document (works offline, syncs to the
 * coach's other devices), then published for clients through the outbox.
 *
 * ```ts
 * const { queue, outboxState } = useWorkspace();
 * const editor = new ProfileEditor({ doc: handle.doc, userId, queue, outboxState });
 * editor.save(draft); // { ok: false, message } when the input is refused
 * editor.publishState.kind; // 'published' | 'waiting' | 'failed'
 * ```
 */
export class ProfileEditor {
	#doc: Y.Doc;
	#actor: Actor;
	#queue: Workspace['queue'];
	#outboxState: OutboxState;
	#subscribe: () => void;

	constructor(options: {
		doc: Y.Doc;
		userId: string;
		queue: Workspace['queue'];
		outboxState: OutboxState;
	}) {
		this.#doc = options.doc;
		this.#actor = createActor({ userId: options.userId });
		this.#queue = options.queue;
		this.#outboxState = options.outboxState;
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
		const mine = (entry: { dedupeKey: string | null }) => entry.dedupeKey === PROFILE_DEDUPE_KEY;
		const failed = this.#outboxState.failed.findLast(mine);
		if (this.#outboxState.pending.some(mine)) {
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
		const request: HttpRequestPayload = {
			method: 'PUT',
			path: '/api/profile',
			body: {
				name: profile.name,
				bio: profile.bio,
				photo: profile.photo,
				links: profile.links,
				greeting: coachDoc.readGreeting(this.#doc)?.text ?? ''
			} satisfies ProfileInput
		};
		await this.#queue(request, { dedupeKey: PROFILE_DEDUPE_KEY });
	}

	/** A refused publish, tried again (after the coach changed what the server objected to). */
	retry(entryId: string): Promise<void> {
		return this.#outboxState.retry(entryId);
	}
}
